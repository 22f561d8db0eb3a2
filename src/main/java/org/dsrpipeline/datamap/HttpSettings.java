package org.dsrpipeline.datamap;

import java.time.Duration;
import java.util.Set;

/**
 * Connection of an http store. {@code items} names the response field holding a page's records (blank:
 * the response is an array); {@code next} names the field holding the next page's link (blank: pages are
 * numbered through {@code {page}} from {@code firstPage}, or there is one page). A call is repeated after a
 * timeout or a 5xx only when its method is idempotent: GET, PUT and DELETE always, POST and PATCH when
 * {@code idempotentMethods} (map key {@code idempotent-methods}) names them. {@code maxResponseBytes}
 * bounds the body read of one response.
 */
public record HttpSettings(String baseUrl, String authHeader, String authValue, double rateLimit, int maxAttempts,
    Duration retryBackoff, Duration connectTimeout, Duration requestTimeout, String items, String next,
    int firstPage, Set<String> idempotentMethods, long maxResponseBytes) {

  public static final Set<String> ALWAYS_IDEMPOTENT = Set.of("GET", "PUT", "DELETE");
  public static final Set<String> MAYBE_IDEMPOTENT = Set.of("POST", "PATCH");
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

  public HttpSettings {
    idempotentMethods = Set.copyOf(idempotentMethods);
  }

  /** The settings with the defaults of the keys this constructor leaves out (no POST/PATCH repeated, 10 MiB). */
  public HttpSettings(String baseUrl, String authHeader, String authValue, double rateLimit, int maxAttempts,
      Duration retryBackoff, Duration connectTimeout, Duration requestTimeout, String items, String next,
      int firstPage) {
    this(baseUrl, authHeader, authValue, rateLimit, maxAttempts, retryBackoff, connectTimeout, requestTimeout, items,
        next, firstPage, Set.of(), DEFAULT_MAX_RESPONSE_BYTES);
  }

  /** May a call with this method be sent again when its outcome is unknown (timeout, 5xx)? */
  public boolean repeatable(String method) {
    return ALWAYS_IDEMPOTENT.contains(method) || idempotentMethods.contains(method);
  }

  public HttpSettings withBaseUrl(String url) {
    return new HttpSettings(url, authHeader, authValue, rateLimit, maxAttempts, retryBackoff, connectTimeout,
        requestTimeout, items, next, firstPage, idempotentMethods, maxResponseBytes);
  }

  public HttpSettings withIdempotentMethods(Set<String> methods) {
    return new HttpSettings(baseUrl, authHeader, authValue, rateLimit, maxAttempts, retryBackoff, connectTimeout,
        requestTimeout, items, next, firstPage, methods, maxResponseBytes);
  }

  public HttpSettings withMaxResponseBytes(long bytes) {
    return new HttpSettings(baseUrl, authHeader, authValue, rateLimit, maxAttempts, retryBackoff, connectTimeout,
        requestTimeout, items, next, firstPage, idempotentMethods, bytes);
  }

  @Override
  public String toString() {
    return "HttpSettings[baseUrl=" + baseUrl + ", authHeader=" + authHeader + "]";
  }
}
