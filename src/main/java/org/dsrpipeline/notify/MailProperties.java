package org.dsrpipeline.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How status emails leave the outbox. */
@ConfigurationProperties("dsr.mail")
public record MailProperties(
    @DefaultValue("DPO <dpo@example.com>") String from,
    @DefaultValue("dpo@example.com") String dpoAddress,
    @DefaultValue("PT2S") Duration pollInterval,
    @DefaultValue("PT10S") Duration retryInitialDelay,
    @DefaultValue("PT30M") Duration retryMaxDelay,
    @DefaultValue("PT2M") Duration claimTimeout,
    @DefaultValue("20") int batchSize) {
}
