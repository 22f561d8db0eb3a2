package org.dsrpipeline.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client-address budgets. {@code anonymous}: requests to the anonymous endpoints (intake,
 * verification, status, downloads). {@code login}: failed logins, whatever the user name. Each
 * budget holds {@code capacity} and refills completely, token by token, over {@code refillPeriod}.
 */
@ConfigurationProperties("dsr.rate-limit")
public record RateLimitProperties(
    @DefaultValue Budget anonymous,
    @DefaultValue Budget login) {

  public record Budget(@DefaultValue("0") long capacity, @DefaultValue("PT0S") Duration refillPeriod) {
  }
}
