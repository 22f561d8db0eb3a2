package org.dsrpipeline.connector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dsrpipeline.datamap.HttpSettings;
import org.dsrpipeline.datamap.UrlTemplate;

/**
 * Calls one store's API: the auth header, the rate limit, retries up to {@code max-attempts}, pagination,
 * and a bound on the body read of each response ({@code max-response-size}). A 429 is retried after its
 * Retry-After whatever the method (the server did not act on the call); a timeout, a lost connection or a
 * 5xx only for an idempotent call (GET, PUT, DELETE, and POST or PATCH where the map's
 * {@code idempotent-methods} says so), since the store may have acted on it already. Errors name the store
 * and the call's template, never the expanded URL, which would carry the subject's email or phone.
 */
final class HttpStoreClient {

  private static final Duration MAX_WAIT = Duration.ofSeconds(60);
  private static final int MAX_PAGES = 100_000;

  private final String store;
  private final HttpSettings settings;
  private final HttpClient client;
  private final RateLimiter limiter;
  private final ObjectMapper json = new ObjectMapper();

  HttpStoreClient(String store, HttpSettings settings, HttpClient client) {
    this.store = store;
    this.settings = settings;
    this.client = client;
    this.limiter = new RateLimiter(settings.rateLimit());
  }

  @FunctionalInterface
  interface RecordHandler {

    void accept(JsonNode record) throws StoreCallException;
  }

  record Response(int status, JsonNode body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** Every record of every page a search answers. */
  void search(UrlTemplate template, Map<String, String> values, RecordHandler records) throws StoreCallException {
    if (template.placeholders().contains("page")) {
      var withPage = new HashMap<>(values);
      for (int page = settings.firstPage(), seen = 0; seen < MAX_PAGES; page++, seen++) {
        withPage.put("page", Integer.toString(page));
        var items = items(template, expect(template, template.expand(settings.baseUrl(), withPage), null));
        if (items.isEmpty()) {
          return;
        }
        for (var item : items) {
          records.accept(item);
        }
      }
      throw new StoreCallException(prefix() + template + " still had records after " + MAX_PAGES + " pages");
    }
    var uri = template.expand(settings.baseUrl(), values);
    for (int seen = 0; seen < MAX_PAGES; seen++) {
      var body = expect(template, uri, null);
      for (var item : items(template, body)) {
        records.accept(item);
      }
      var next = settings.next().isBlank() ? null : body.get(settings.next());
      if (next == null || next.isNull() || next.asText().isBlank()) {
        return;
      }
      uri = sameOrigin(template, uri.resolve(next.asText()));
    }
    throw new StoreCallException(prefix() + template + " still had next pages after " + MAX_PAGES + " pages");
  }

  /** A call that must succeed. */
  JsonNode expect(UrlTemplate template, URI uri, Object body) throws StoreCallException {
    var response = call(template, uri, body);
    if (!response.ok()) {
      throw new StoreCallException(prefix() + template + " answered " + response.status());
    }
    return response.body();
  }

  /** A call whose 4xx answer the caller interprets (404: the record is gone). */
  Response call(UrlTemplate template, URI uri, Object body) throws StoreCallException {
    var request = request(template.method(), uri, body);
    var repeatable = settings.repeatable(template.method());
    String last = null;
    int attempt = 1;
    for (; attempt <= settings.maxAttempts(); attempt++) {
      Duration wait;
      try {
        limiter.acquire();
        var response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        var status = response.statusCode();
        if (status < 500 && status != 429) {
          return new Response(status, parse(template, bounded(template, response)));
        }
        response.body().close();
        last = "answered " + status;
        if (status != 429 && !repeatable) {
          break;
        }
        wait = status == 429 ? retryAfter(response).orElse(backoff(attempt)) : backoff(attempt);
      } catch (IOException e) {
        last = "cannot be reached (" + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        if (!repeatable) {
          break;
        }
        wait = backoff(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreCallException(prefix() + template + " was interrupted");
      }
      if (attempt < settings.maxAttempts()) {
        sleep(wait, template);
      }
    }
    if (!repeatable && attempt <= settings.maxAttempts()) {
      throw new StoreCallException(prefix() + template + " " + last + "; not repeated, since " + template.method()
          + " is not idempotent for this store (idempotent-methods in the data map)");
    }
    throw new StoreCallException(prefix() + template + " " + last + " after " + settings.maxAttempts() + " attempts");
  }

  /** The body as text, refused when it is larger than {@code max-response-size}. */
  private String bounded(UrlTemplate template, HttpResponse<InputStream> response)
      throws IOException, StoreCallException {
    var limit = settings.maxResponseBytes();
    try (var body = response.body()) {
      var declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > limit) {
        throw tooLarge(template, limit);
      }
      var bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw tooLarge(template, limit);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private StoreCallException tooLarge(UrlTemplate template, long limit) {
    return new StoreCallException(prefix() + template + " answered a body larger than " + limit
        + " bytes (max-response-size in the data map)");
  }

  /**
   * A GET of the base URL without the store's credentials, so nothing is read: any answer below 500 means the
   * service is there; a 5xx, a timeout or a refused connection means it is not.
   */
  void ping() throws StoreCallException, IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(settings.baseUrl())).timeout(settings.requestTimeout()).GET().build();
    var status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status >= 500) {
      throw new StoreCallException(prefix() + "the base URL answered " + status);
    }
  }

  private HttpRequest request(String method, URI uri, Object body) throws StoreCallException {
    var builder = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).header("Accept", "application/json");
    if (settings.authHeader() != null) {
      builder.header(settings.authHeader(), settings.authValue());
    }
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        builder.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      } catch (JsonProcessingException e) {
        throw new StoreCallException(prefix() + "cannot write a request body: " + e.getOriginalMessage());
      }
    }
    return builder.build();
  }

  private JsonNode parse(UrlTemplate template, String body) throws StoreCallException {
    if (body == null || body.isBlank()) {
      return json.nullNode();
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new StoreCallException(prefix() + template + " answered something that is not JSON");
    }
  }

  private JsonNode items(UrlTemplate template, JsonNode body) throws StoreCallException {
    var items = settings.items().isBlank() ? body
        : settings.items().startsWith("/") ? body.at(settings.items()) : body.get(settings.items());
    if (items == null || !items.isArray()) {
      throw new StoreCallException(prefix() + template + " answered without a list of records"
          + (settings.items().isBlank() ? "" : " in '" + settings.items() + "'"));
    }
    return items;
  }

  /** A next link is followed only to the store's own origin, which is the only place its credentials go. */
  private URI sameOrigin(UrlTemplate template, URI next) throws StoreCallException {
    var base = URI.create(settings.baseUrl());
    if (!Objects.equals(base.getScheme(), next.getScheme()) || !Objects.equals(base.getHost(), next.getHost())
        || base.getPort() != next.getPort()) {
      throw new StoreCallException(prefix() + template + " answered a next link to another site");
    }
    return next;
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(value -> {
      try {
        var seconds = Long.parseLong(value.strip());
        return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }).map(d -> d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d);
  }

  private Duration backoff(int attempt) {
    var wait = settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }

  private void sleep(Duration wait, UrlTemplate template) throws StoreCallException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreCallException(prefix() + template + " was interrupted");
    }
  }

  private String prefix() {
    return "store " + store + " (" + settings.baseUrl() + "): ";
  }

  /** A call failed for good; the message says which store and which call. */
  static final class StoreCallException extends Exception {

    StoreCallException(String message) {
      super(message);
    }
  }
}
