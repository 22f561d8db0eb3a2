package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bad input answers 400 with a problem naming each bad field, and stores and starts nothing. */
class IntakeValidationIT extends IntegrationTest {

  private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;

  private long requestsBefore;
  private long instancesBefore;
  private long mailsBefore;

  @BeforeEach
  void countWhatExists() {
    requestsBefore = jdbc.queryForObject("select count(*) from dsr_request", Long.class);
    instancesBefore = runtime.createProcessInstanceQuery().count();
    mailsBefore = jdbc.queryForObject("select count(*) from dsr_email_outbox", Long.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown type            | {\"type\":\"FORGET_ME\",\"email\":\"a@example.org\"}                          | type",
      "missing type            | {\"email\":\"a@example.org\"}                                                  | type",
      "missing email           | {\"type\":\"ACCESS\"}                                                          | email",
      "malformed email         | {\"type\":\"ACCESS\",\"email\":\"not-an-email\"}                               | email",
      "malformed phone         | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"phone\":\"6912345678\"}     | phone",
      "phone with letters      | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"phone\":\"+30691abc678\"}   | phone",
      "unsupported language    | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"language\":\"fr\"}          | language",
      "rectification, no fix   | {\"type\":\"RECTIFICATION\",\"email\":\"a@example.org\"}                       | corrections",
      "correction, wrong type  | {\"type\":\"ERASURE\",\"email\":\"a@example.org\",\"corrections\":[{\"field\":\"name\",\"value\":\"X\"}]} | corrections",
      "blank correction value  | {\"type\":\"RECTIFICATION\",\"email\":\"a@example.org\",\"corrections\":[{\"field\":\"name\",\"value\":\" \"}]} | corrections[0].value",
      "unknown field           | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"isAdmin\":true}             | isAdmin",
      "requester sets receipt  | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"receivedAt\":\"2020-01-01\"} | receivedAt",
      "not an object           | [1,2,3]                                                                          | body",
      "broken JSON             | {\"type\":\"ACCESS\",                                                            | body"})
  void badInputIsRefusedNamingTheField(String why, String body, String field) {
    var response = post("/api/requests", body, MediaType.APPLICATION_JSON);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(errorFields(response)).contains(field);
    assertNothingChanged();
  }

  @Test
  void severalBadFieldsAreAllNamed() {
    var response = post("/api/requests", "{\"type\":\"ACCESS\",\"email\":\"x\",\"phone\":\"123\",\"language\":\"de\"}",
        MediaType.APPLICATION_JSON);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(errorFields(response)).containsExactly("email", "language", "phone");
    assertThat(response.getBody()).containsEntry("title", "Invalid request").containsEntry("status", 400);
    assertNothingChanged();
  }

  @Test
  void anUnknownTypeAnInvalidFieldAndAFieldForTheDpoAreNamedTogether() {
    var response = post("/api/requests", "{\"type\":\"FORGET_ME\",\"email\":\"x\",\"channel\":\"POST\"}",
        MediaType.APPLICATION_JSON);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(errorFields(response)).containsExactly("channel", "email", "type");
    assertNothingChanged();
  }

  @Test
  void aBodyThatIsNotJsonIsRefused() {
    var response = post("/api/requests", "type=ACCESS&email=a@example.org", MediaType.APPLICATION_FORM_URLENCODED);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(errorFields(response)).contains("body");
    assertNothingChanged();
  }

  @Test
  void anOversizedBodyIsRefused() {
    var body = "{\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"details\":\"" + "x".repeat(70_000) + "\"}";

    var response = post("/api/requests", body, MediaType.APPLICATION_JSON);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(errorFields(response)).contains("body");
    assertNothingChanged();
  }

  @Test
  void detailsLongerThanAllowedAreRefused() {
    var body = "{\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"details\":\"" + "x".repeat(5001) + "\"}";

    var response = post("/api/requests", body, MediaType.APPLICATION_JSON);

    assertThat(errorFields(response)).contains("details");
    assertNothingChanged();
  }

  @Test
  void theDpoCannotRecordARequestFromTheFutureOrWithoutAChannel() {
    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST,
        entity("{\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"receivedAt\":\"2999-01-01\"}", MediaType.APPLICATION_JSON), MAP);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(errorFields(response)).containsExactlyInAnyOrder("channel", "receivedAt");
    assertNothingChanged();
  }

  private ResponseEntity<Map<String, Object>> post(String path, String body, MediaType type) {
    return http.exchange(path, HttpMethod.POST, entity(body, type), MAP);
  }

  private static HttpEntity<String> entity(String body, MediaType type) {
    var headers = new HttpHeaders();
    headers.setContentType(type);
    return new HttpEntity<>(body, headers);
  }

  @SuppressWarnings("unchecked")
  private static List<String> errorFields(ResponseEntity<Map<String, Object>> response) {
    var errors = (List<Map<String, String>>) response.getBody().get("errors");
    return errors.stream().map(e -> e.get("field")).toList();
  }

  private void assertNothingChanged() {
    assertThat(jdbc.queryForObject("select count(*) from dsr_request", Long.class)).isEqualTo(requestsBefore);
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    assertThat(jdbc.queryForObject("select count(*) from dsr_email_outbox", Long.class)).isEqualTo(mailsBefore);
  }
}
