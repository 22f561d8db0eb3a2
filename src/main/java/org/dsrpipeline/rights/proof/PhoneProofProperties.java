package org.dsrpipeline.rights.proof;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The rules of the one-time codes that prove a phone. */
@ConfigurationProperties("dsr.phone-proof")
public record PhoneProofProperties(
    @DefaultValue("PT15M") Duration codeValidity,
    @DefaultValue("5") int maxWrongTries,
    @DefaultValue("PT60S") Duration resendInterval) {
}
