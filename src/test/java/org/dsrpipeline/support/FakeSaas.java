package org.dsrpipeline.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server (the JDK's) standing in for the third-party helpdesk and CRM, with the API of the
 * demo services: {@code /demo/helpdesk/tickets} (numbered pages, auth {@code Authorization}) and
 * {@code /demo/crm/contacts} (next links, auth {@code X-Api-Key}). Its search is deliberately sloppy, as
 * many SaaS searches are: a record matches when its value contains the query or the query contains it,
 * case-insensitively, so look-alike subjects come back and the connector must filter them out. Failures
 * can be queued ({@link #failNext}); every call is logged ({@link #calls()}).
 */
public final class FakeSaas implements AutoCloseable {

  public record Call(String method, String path, String rawQuery, Map<String, String> query, long nanoTime,
      String authorization) {
  }

  private record Failure(String method, int status, String retryAfter) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  public final Resource tickets = new Resource("/demo/helpdesk/tickets", "Authorization", "Bearer demo-helpdesk-token",
      "items", false, Map.of("email", "requester_email", "phone", "requester_phone"));
  public final Resource contacts = new Resource("/demo/crm/contacts", "X-Api-Key", "demo-crm-key", "results", true,
      Map.of("email", "email", "phone", "phone"));

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
  private volatile int pageSize = 2;

  private FakeSaas(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(tickets.path, exchange -> handle(exchange, tickets));
    server.createContext(contacts.path, exchange -> handle(exchange, contacts));
    server.start();
  }

  public static FakeSaas start() {
    return start(0);
  }

  /** On a fixed port (0: any free one), e.g. the one of the test configuration's {@code DSR_PUBLIC_BASE_URL}. */
  public static FakeSaas start(int port) {
    try {
      return new FakeSaas(port);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the demo map's {@code DSR_PUBLIC_BASE_URL} should be. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public void clearCalls() {
    calls.clear();
  }

  public void pageSize(int size) {
    pageSize = size;
  }

  /** The next {@code times} calls answer {@code status} (with Retry-After when given). */
  public void failNext(int status, int times, String retryAfter) {
    for (int i = 0; i < times; i++) {
      failures.add(new Failure(null, status, retryAfter));
    }
  }

  /** The next {@code times} calls with this method answer {@code status}; calls with other methods pass. */
  public void failNextOn(String method, int status, int times) {
    for (int i = 0; i < times; i++) {
      failures.add(new Failure(method, status, null));
    }
  }

  /** Drops the failures still queued: the service answers normally again. */
  public void clearFailures() {
    failures.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange, Resource resource) throws IOException {
    var uri = exchange.getRequestURI();
    var query = parse(uri.getRawQuery());
    var auth = exchange.getRequestHeaders().getFirst(resource.authHeader);
    calls.add(new Call(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), query, System.nanoTime(),
        auth));
    try (exchange) {
      var next = failures.peek();
      var failure = next != null && (next.method() == null || next.method().equals(exchange.getRequestMethod()))
          ? failures.poll() : null;
      if (failure != null) {
        if (failure.retryAfter != null) {
          exchange.getResponseHeaders().add("Retry-After", failure.retryAfter);
        }
        send(exchange, failure.status, Map.of("error", "injected failure"));
        return;
      }
      if (!resource.authValue.equals(auth)) {
        send(exchange, 401, Map.of("error", "missing or wrong " + resource.authHeader));
        return;
      }
      var rest = uri.getRawPath().substring(resource.path.length());
      var method = exchange.getRequestMethod();
      if (rest.isEmpty() && method.equals("GET")) {
        send(exchange, 200, resource.search(query, pageSize));
        return;
      }
      var parts = rest.substring(1).split("/");
      var record = resource.byId(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
      if (record == null) {
        send(exchange, 404, Map.of("error", "no such record"));
        return;
      }
      var action = parts.length > 1 ? parts[1] : "";
      switch (method + " " + action) {
        case "GET " -> send(exchange, 200, record);
        case "PATCH " -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> changes = JSON.readValue(exchange.getRequestBody(), Map.class);
          record.putAll(changes);
          send(exchange, 200, record);
        }
        case "DELETE " -> {
          resource.records.remove(record);
          send(exchange, 204, null);
        }
        case "POST restrict" -> {
          record.put("restricted", true);
          send(exchange, 200, record);
        }
        case "DELETE restrict" -> {
          record.put("restricted", false);
          send(exchange, 200, record);
        }
        case "POST unsubscribe" -> {
          record.put("unsubscribed", true);
          send(exchange, 200, record);
        }
        default -> send(exchange, 405, Map.of("error", "not allowed"));
      }
    }
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    var bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, String> parse(String rawQuery) {
    var query = new LinkedHashMap<String, String>();
    if (rawQuery != null) {
      for (var pair : rawQuery.split("&")) {
        var at = pair.indexOf('=');
        if (at > 0) {
          query.put(URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  /** One API resource and its records. */
  public static final class Resource {

    private final String path;
    private final String authHeader;
    private final String authValue;
    private final String items;
    private final boolean nextLinks;
    private final Map<String, String> searchFields;
    private final List<Map<String, Object>> records = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    Resource(String path, String authHeader, String authValue, String items, boolean nextLinks,
        Map<String, String> searchFields) {
      this.path = path;
      this.authHeader = authHeader;
      this.authValue = authValue;
      this.items = items;
      this.nextLinks = nextLinks;
      this.searchFields = searchFields;
    }

    /** Adds a record (given as field, value, field, value, ...) with the next id; answers the id. */
    public long add(Object... fieldsAndValues) {
      var record = Collections.synchronizedMap(new LinkedHashMap<String, Object>());
      var id = ids.incrementAndGet();
      record.put("id", id);
      for (int i = 0; i < fieldsAndValues.length; i += 2) {
        record.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
      }
      record.putIfAbsent("restricted", false);
      records.add(record);
      return id;
    }

    public Map<String, Object> get(long id) {
      return byId(Long.toString(id));
    }

    public List<Map<String, Object>> all() {
      return List.copyOf(records);
    }

    public void clear() {
      records.clear();
    }

    private Map<String, Object> byId(String id) {
      return records.stream().filter(r -> String.valueOf(r.get("id")).equals(id)).findFirst().orElse(null);
    }

    private Map<String, Object> search(Map<String, String> query, int pageSize) {
      var matching = new ArrayList<Map<String, Object>>();
      for (var record : records) {
        var hit = searchFields.entrySet().stream().anyMatch(e -> query.containsKey(e.getKey())
            && sloppyMatch(query.get(e.getKey()), record.get(e.getValue())));
        if (hit) {
          matching.add(record);
        }
      }
      var body = new LinkedHashMap<String, Object>();
      if (nextLinks) {
        var cursor = Integer.parseInt(query.getOrDefault("cursor", "0"));
        body.put(items, matching.subList(Math.min(cursor, matching.size()), Math.min(cursor + pageSize,
            matching.size())));
        if (cursor + pageSize < matching.size()) {
          var next = new StringBuilder(path).append("?");
          query.forEach((k, v) -> {
            if (!k.equals("cursor")) {
              next.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
          });
          body.put("next", next.append("cursor=").append(cursor + pageSize).toString());
        } else {
          body.put("next", null);
        }
      } else {
        var page = Integer.parseInt(query.getOrDefault("page", "1"));
        var from = (page - 1) * pageSize;
        body.put("page", page);
        body.put(items, matching.subList(Math.min(from, matching.size()), Math.min(from + pageSize,
            matching.size())));
      }
      return body;
    }

    private static boolean sloppyMatch(String query, Object value) {
      if (value == null || query.isBlank()) {
        return false;
      }
      var a = query.toLowerCase(Locale.ROOT);
      var b = Objects.toString(value).toLowerCase(Locale.ROOT);
      return a.contains(b) || b.contains(a);
    }
  }
}
