package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.dsrpipeline.support.IntegrationTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** Requests as the rights' tests need them: recorded by the DPO with the email already confirmed. */
final class RightsTestSupport extends IntegrationTest {

  static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

  private RightsTestSupport() {
  }

  /** A request whose email is confirmed; {@code phone} (may be null) typed in, not proven. */
  static String verifiedRequest(TestRestTemplate http, String email, String phone) {
    var body = new HashMap<String, Object>(Map.of("type", "ERASURE", "email", email, "channel", "PHONE",
        "receivedAt", LocalDate.now(ZoneId.of("Europe/Athens")).toString(), "identityVerified", true));
    if (phone != null) {
      body.put("phone", phone);
    }
    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST, json(body), MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

  static String uniqueEmail() {
    return "rights-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }
}
