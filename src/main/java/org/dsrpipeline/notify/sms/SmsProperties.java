package org.dsrpipeline.notify.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS gateway, reached over HTTP like a store: each text is one POST of {@code bodyTemplate} to
 * {@code baseUrl} with the header {@code authHeader: authValue}. The template's placeholders
 * {@code {to}}, {@code {text}} and {@code {id}} (the text's idempotency key) are JSON-escaped.
 */
@ConfigurationProperties("dsr.sms")
public record SmsProperties(
    @DefaultValue("http://localhost:8080/demo/sms-gateway/messages") String baseUrl,
    @DefaultValue("Authorization") String authHeader,
    @DefaultValue("Bearer demo-sms-token") String authValue,
    @DefaultValue("{\"to\":\"{to}\",\"text\":\"{text}\",\"reference\":\"{id}\"}") String bodyTemplate,
    @DefaultValue("application/json") String contentType,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("PT2S") Duration pollInterval,
    @DefaultValue("PT5S") Duration retryInitialDelay,
    @DefaultValue("PT2M") Duration retryMaxDelay,
    @DefaultValue("PT1M") Duration claimTimeout) {
}
