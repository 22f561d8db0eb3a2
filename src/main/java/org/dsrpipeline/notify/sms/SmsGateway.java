package org.dsrpipeline.notify.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One POST per text to the configured gateway; anything but a 2xx is a failed attempt. */
class SmsGateway {

  /** The gateway did not take the text; the message never holds the number or the text. */
  static class SmsGatewayException extends Exception {
    SmsGatewayException(String message) {
      super(message);
    }
  }

  private final SmsProperties properties;
  private final HttpClient client;

  SmsGateway(SmsProperties properties, HttpClient client) {
    this.properties = properties;
    this.client = client;
  }

  void send(String idempotencyKey, String to, String text) throws SmsGatewayException {
    var body = properties.bodyTemplate().replace("{to}", json(to)).replace("{text}", json(text))
        .replace("{id}", json(idempotencyKey));
    var request = HttpRequest.newBuilder(URI.create(properties.baseUrl()))
        .timeout(properties.timeout())
        .header("Content-Type", properties.contentType())
        .header("Idempotency-Key", idempotencyKey)
        .header(properties.authHeader(), properties.authValue())
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      var response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new SmsGatewayException("SMS gateway answered HTTP " + response.statusCode());
      }
    } catch (IOException e) {
      throw new SmsGatewayException("SMS gateway unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SmsGatewayException("interrupted");
    }
  }

  static String json(String value) {
    var out = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
