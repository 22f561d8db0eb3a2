package org.dsrpipeline.security;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limits run before Spring Security and Camunda's own filters, so that a refused client
 * costs no password check. Buckets are per node (in memory): a cluster of n nodes allows n budgets.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

  private static final int BEFORE_SECURITY = SecurityProperties.DEFAULT_FILTER_ORDER - 10;

  @Bean
  ClientBuckets anonymousBuckets(RateLimitProperties properties) {
    return new ClientBuckets(properties.anonymous(), "dsr.rate-limit.anonymous");
  }

  @Bean
  ClientBuckets loginFailureBuckets(RateLimitProperties properties) {
    return new ClientBuckets(properties.login(), "dsr.rate-limit.login");
  }

  @Bean
  FilterRegistrationBean<AnonymousRateLimitFilter> anonymousRateLimit(ClientBuckets anonymousBuckets) {
    var registration = new FilterRegistrationBean<>(new AnonymousRateLimitFilter(anonymousBuckets));
    registration.setName("dsr-anonymous-rate-limit");
    registration.setOrder(BEFORE_SECURITY);
    return registration;
  }

  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottle(ClientBuckets loginFailureBuckets) {
    var registration = new FilterRegistrationBean<>(new LoginThrottleFilter(loginFailureBuckets));
    registration.setName("dsr-login-throttle");
    registration.setOrder(BEFORE_SECURITY);
    return registration;
  }
}
