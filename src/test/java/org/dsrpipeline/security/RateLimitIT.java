package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The limits as a client meets them. Each test calls from an address of its own in 127.0.0.0/8
 * (every test else calls from 127.0.0.1) and empties that address's bucket through the bean, so
 * the shared test configuration keeps budgets no suite reaches.
 */
class RateLimitIT extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired @Qualifier("anonymousBuckets") ClientBuckets anonymous;
  @Autowired @Qualifier("loginFailureBuckets") ClientBuckets loginFailures;

  @Test
  void anAddressPastTheAnonymousBudgetGets429WithRetryAfter() throws IOException {
    assertThat(call("127.0.0.2", "GET /status/DSR-2026-000001.x", null).status()).isEqualTo(404);

    anonymous.drain("127.0.0.2");

    var refused = call("127.0.0.2", "GET /status/DSR-2026-000001.x", null);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(Long.parseLong(refused.headers().get("retry-after"))).isPositive();
    assertThat(call("127.0.0.2", "POST /api/requests", null).status()).isEqualTo(429);
    assertThat(call("127.0.0.1", "GET /status/DSR-2026-000001.x", null).status()).isEqualTo(404);
  }

  @Test
  void anAddressOutOfLoginFailuresGets429AndTheDpoStillLogsInFromElsewhere() throws IOException {
    loginFailures.drain("127.0.0.3");

    var refused = call("127.0.0.3", "GET /engine-rest/task", "dpo:dpo");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(Long.parseLong(refused.headers().get("retry-after"))).isPositive();
    assertThat(call("127.0.0.3", "GET /api/dpo/outbox", "dpo:dpo").status()).isEqualTo(429);
    assertThat(call("127.0.0.4", "GET /engine-rest/task", "dpo:dpo").status()).isEqualTo(200);
    assertThat(call("127.0.0.4", "GET /api/dpo/outbox", "dpo:dpo").status()).isEqualTo(200);
  }

  record Answer(int status, Map<String, String> headers) {
  }

  /** One HTTP/1.1 request over a socket bound to {@code from}, so that the service sees that client address. */
  private Answer call(String from, String requestLine, String basic) throws IOException {
    try (var socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10000);
      var request = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n")
          .append("Accept: application/json\r\n");
      if (basic != null) {
        request.append("Authorization: Basic ")
            .append(Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8))).append("\r\n");
      }
      if (requestLine.startsWith("POST")) {
        request.append("Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
      } else {
        request.append("\r\n");
      }
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      var lines = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n");
      var headers = new LinkedHashMap<String, String>();
      for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
        var colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
      }
      return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers);
    }
  }
}
