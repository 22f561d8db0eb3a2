package org.dsrpipeline.delivery;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access and portability packages ({@code dsr.packages.*}): the AES-256 key that encrypts them at rest (base64 of 32
 * bytes; the demo default is refused outside the demo, see {@link PackageCipher}), how long a released package's
 * download link lives before the package is deleted, how often expired packages are looked for, and how many wrong
 * email addresses a download link takes before each further try must wait (doubling from {@code wrong-try-delay}).
 */
@ConfigurationProperties("dsr.packages")
public record PackageProperties(
    @DefaultValue("") String encryptionKey,
    @DefaultValue("P30D") Period expiry,
    @DefaultValue("PT1H") Duration cleanupInterval,
    @DefaultValue("3") int freeWrongTries,
    @DefaultValue("PT1M") Duration wrongTryDelay) {
}
