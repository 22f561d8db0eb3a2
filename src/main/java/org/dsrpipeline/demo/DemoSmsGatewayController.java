package org.dsrpipeline.demo;

import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * DEMO: stands in for the SMS gateway of {@code dsr.sms.*} (its default), so that phone codes work out of the
 * box: it sends nothing, it keeps the texts for {@code GET /demo/texts}. Every answer carries {@code X-Demo}.
 */
@RestController
@ConditionalOnProperty(name = "dsr.demo.stores.enabled", havingValue = "true")
class DemoSmsGatewayController {

  static final String DEMO = "DEMO SMS gateway standing in for a real one; sends nothing";

  record Message(String to, String text, String reference) {
  }

  private final DemoTexts texts;
  private final Clock clock;
  private final String expectedAuthorization;

  DemoSmsGatewayController(DemoTexts texts, Clock clock,
      @Value("${dsr.sms.auth-value:Bearer demo-sms-token}") String expectedAuthorization) {
    this.texts = texts;
    this.clock = clock;
    this.expectedAuthorization = expectedAuthorization;
  }

  @PostMapping(path = "/demo/sms-gateway/messages", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> take(@RequestBody Message message,
      @RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    if (!expectedAuthorization.equals(authorization)) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("X-Demo", DEMO)
          .body(Map.of("error", "Authorization: the value of dsr.sms.auth-value is required"));
    }
    if (message.to() == null || message.text() == null) {
      return ResponseEntity.status(HttpStatus.BAD_REQUEST).header("X-Demo", DEMO)
          .body(Map.of("error", "to and text are required"));
    }
    var fresh = texts.take(new DemoTexts.Text(clock.instant(), message.to(), message.text(), idempotencyKey));
    return ResponseEntity.status(HttpStatus.ACCEPTED).header("X-Demo", DEMO)
        .body(Map.of("accepted", true, "duplicate", !fresh));
  }
}
