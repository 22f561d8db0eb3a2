package org.dsrpipeline.request;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Intake and identity-verification settings. {@code minVerificationWait}: the shortest window any
 * requester gets to confirm, even when the DPO records a letter near or after its deadline.
 */
@ConfigurationProperties("dsr.requests")
public record RequestProperties(
    @DefaultValue("P14D") Duration verificationWait,
    @DefaultValue("P7D") Duration minVerificationWait,
    @DefaultValue("65536") int maxBodyBytes) {
}
