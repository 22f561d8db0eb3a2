package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.manual.ManualActions;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** Every read of a request's personal data through the DPO's API or pages is in its evidence trail, with the user. */
class PersonalDataReadIT extends IntegrationTest {

  private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };
  private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

  @Autowired TestRestTemplate http;
  @Autowired ManualActions actions;

  @Test
  void readingARequestSearchingForItAndReadingItsEmailsAreRecordedWithTheUser() {
    var email = "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    var reference = record(email);
    assertThat(reads(reference)).isEmpty();

    assertThat(asDpo("/api/dpo/requests/" + reference, HttpMethod.GET, null, MAP).getBody()).containsEntry("email", email);
    assertThat(reads(reference)).singleElement().satisfies(e -> {
      assertThat(e.get("actor")).isEqualTo("dpo");
      assertThat((String) e.get("outcome")).contains("GET /api/dpo/requests/" + reference);
    });

    asDpo("/api/dpo/requests/search", HttpMethod.POST, Map.of("email", email.toUpperCase()), LIST);
    asDpo("/api/dpo/requests/" + reference + "/emails", HttpMethod.GET, null, LIST);

    assertThat(reads(reference)).hasSize(3).extracting(e -> (String) e.get("outcome"))
        .anySatisfy(o -> assertThat(o).contains("search").doesNotContain(email).doesNotContain(email.toUpperCase()))
        .anySatisfy(o -> assertThat(o).contains("/emails"));
  }

  @Test
  void showingAManualActionsInstructionsIsRecorded() {
    var reference = record("manual-reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
    var action = actions.open(RequestRef.of(reference), "paper-archive", Operation.FIND, "Look for the folder of the subject");

    var page = http.withBasicAuth("dpo", "dpo").getForEntity("/dpo/manual-actions/" + action.id(), String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reads(reference)).singleElement().satisfies(e -> {
      assertThat(e.get("actor")).isEqualTo("dpo");
      assertThat((String) e.get("outcome")).contains("manual action " + action.id());
    });
  }

  private String record(String email) {
    var response = asDpo("/api/dpo/requests", HttpMethod.POST, Map.of("type", "ACCESS", "email", email,
        "channel", "PHONE", "receivedAt", LocalDate.now(ZoneId.of("Europe/Athens")).toString()), MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

  private List<Map<String, Object>> reads(String reference) {
    return asDpo("/api/dpo/requests/" + reference + "/audit", HttpMethod.GET, null, LIST).getBody().stream()
        .filter(e -> "PERSONAL_DATA_READ".equals(e.get("action"))).toList();
  }

  private <T> org.springframework.http.ResponseEntity<T> asDpo(String path, HttpMethod method, Object body,
      ParameterizedTypeReference<T> type) {
    return http.withBasicAuth("dpo", "dpo").exchange(path, method, body == null ? null : json(body), type);
  }
}
