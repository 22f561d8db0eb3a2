package org.dsrpipeline.request;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Intake and identity-verification settings. */
@ConfigurationProperties("dsr.requests")
public record RequestProperties(
    @DefaultValue("P14D") Duration verificationWait,
    @DefaultValue("65536") int maxBodyBytes) {
}
