package org.dsrpipeline.datamap;

import java.time.Duration;

/**
 * Connection of an http store. {@code items} names the response field holding a page's records (blank:
 * the response is an array); {@code next} names the field holding the next page's link (blank: pages are
 * numbered through {@code {page}} from {@code firstPage}, or there is one page).
 */
public record HttpSettings(String baseUrl, String authHeader, String authValue, double rateLimit, int maxAttempts,
    Duration retryBackoff, Duration connectTimeout, Duration requestTimeout, String items, String next,
    int firstPage) {

  public HttpSettings withBaseUrl(String url) {
    return new HttpSettings(url, authHeader, authValue, rateLimit, maxAttempts, retryBackoff, connectTimeout,
        requestTimeout, items, next, firstPage);
  }

  @Override
  public String toString() {
    return "HttpSettings[baseUrl=" + baseUrl + ", authHeader=" + authHeader + "]";
  }
}
