package org.dsrpipeline.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server (the JDK's) standing in for the SMS gateway of application-test.yaml
 * ({@code http://127.0.0.7:39252/sms}, {@code Authorization: Bearer test-sms-token}). Every call is logged
 * with the status it got; failures can be queued ({@link #failNext}).
 */
public final class FakeSmsGateway implements AutoCloseable {

  public static final int PORT = 39252;
  /**
   * Not 127.0.0.1: 39252 lies in Linux's ephemeral port range, and an outgoing connection from 127.0.0.1 (a pooled
   * JDBC connection, say) can hold it for the whole run; on a loopback address of its own the port is always free.
   */
  public static final String HOST = "127.0.0.7";

  public record Call(String to, String text, String idempotencyKey, String authorization, String contentType,
      int answered) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, ConcurrentLinkedQueue<Integer>> failures = new ConcurrentHashMap<>();

  private FakeSmsGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress(HOST, PORT), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/sms", exchange -> {
      try (exchange) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JSON.readValue(exchange.getRequestBody(), Map.class);
        var headers = exchange.getRequestHeaders();
        var queued = failures.get((String) body.get("to"));
        var failure = queued == null ? null : queued.poll();
        int status = failure != null ? failure
            : "Bearer test-sms-token".equals(headers.getFirst("Authorization")) ? 202 : 401;
        calls.add(new Call((String) body.get("to"), (String) body.get("text"), headers.getFirst("Idempotency-Key"),
            headers.getFirst("Authorization"), headers.getFirst("Content-Type"), status));
        exchange.sendResponseHeaders(status, -1);
      }
    });
    server.start();
  }

  public static FakeSmsGateway start() {
    try {
      return new FakeSmsGateway();
    } catch (IOException e) {
      throw new IllegalStateException("Port " + PORT + " (the tests' SMS gateway) is taken", e);
    }
  }

  /** The next {@code times} texts to {@code phone} are answered {@code status} (per phone: tests' texts overlap). */
  public void failNext(String phone, int status, int times) {
    var queue = failures.computeIfAbsent(phone, p -> new ConcurrentLinkedQueue<>());
    for (int i = 0; i < times; i++) {
      queue.add(status);
    }
  }

  public List<Call> callsTo(String phone) {
    return calls.stream().filter(c -> phone.equals(c.to())).toList();
  }

  /** The texts the gateway took (2xx) for {@code phone}. */
  public List<Call> acceptedTo(String phone) {
    return callsTo(phone).stream().filter(c -> c.answered() / 100 == 2).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
