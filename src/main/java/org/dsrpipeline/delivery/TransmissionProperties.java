package org.dsrpipeline.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Portability's direct transmission ({@code dsr.packages.transmission.*}): whether a destination may be a loopback
 * or private address (never in production; the tests allow it), an optional PKCS12 trust store for the destinations'
 * TLS certificates (default: the JVM's), and the request timeout.
 */
@ConfigurationProperties("dsr.packages.transmission")
public record TransmissionProperties(
    @DefaultValue("false") boolean allowPrivateAddresses,
    @DefaultValue("") String trustStore,
    @DefaultValue("") String trustStorePassword,
    @DefaultValue("PT2M") Duration timeout) {
}
