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
      "scope, wrong type       | {\"type\":\"ERASURE\",\"email\":\"a@example.org\",\"scope\":\"MARKETING\"}  | scope",
      "unknown objection scope | {\"type\":\"OBJECTION\",\"email\":\"a@example.org\",\"scope\":\"PROFILING\"} | scope",
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "multipart without boundary | multipart/form-data                    | --x\\r\\nContent-Disposition: form-data; name=type\\r\\n\\r\\nACCESS\\r\\n--x--",
      "multipart, broken body     | multipart/form-data; boundary=zzz      | {\"type\":\"ACCESS\",\"email\":\"a@example.org\"}",
      "form-urlencoded            | application/x-www-form-urlencoded      | type=ACCESS&email=a@example.org",
      "text/plain                 | text/plain                             | {\"type\":\"ACCESS\",\"email\":\"a@example.org\"}",
      "no content type            |                                        | {\"type\":\"ACCESS\",\"email\":\"a@example.org\"}",
      "garbage JSON               | application/json                       | {{{ not json",
      "garbage as JSON            | application/json; charset=UTF-8        | \u00ff\u00fe%%%"})
  void aBadBodyOfAnyContentTypeAnswers4xxAndStoresNothing(String why, String contentType, String body,
      @org.springframework.boot.test.web.server.LocalServerPort int port) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/requests"))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.replace("\\r\\n", "\r\n")));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    var response = java.net.http.HttpClient.newHttpClient().send(request.build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isIn(400, 415);
    assertNothingChanged();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "NUL in fullName            | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"fullName\":\"Ann\\u0000\"}         | fullName",
      "NUL in details             | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"details\":\"my\\u0000account\"}    | details",
      "bell in details            | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"details\":\"my\\u0007account\"}    | details",
      "NUL in email               | {\"type\":\"ACCESS\",\"email\":\"a\\u0000b@example.org\"}                                  | email",
      "NUL in correction field    | {\"type\":\"RECTIFICATION\",\"email\":\"a@example.org\",\"corrections\":[{\"field\":\"na\\u0000me\",\"value\":\"X\"}]} | corrections[0].field",
      "escape in correction value | {\"type\":\"RECTIFICATION\",\"email\":\"a@example.org\",\"corrections\":[{\"field\":\"name\",\"value\":\"X\\u001b[31m\"}]} | corrections[0].value",
      "NUL in phone               | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"phone\":\"+30691234567\\u00008\"}   | phone",
      "a link as the name         | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"fullName\":\"http://evil.example\"}  | fullName",
      "a tag in the name          | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"fullName\":\"<b>Win</b>\"}           | fullName",
      "digits in the name         | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"fullName\":\"Call 6912345678\"}      | fullName",
      "an address as the name     | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"fullName\":\"win at prize@evil.example\"} | fullName",
      "a slash in the name        | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"fullName\":\"Ann / see evil dot example\"} | fullName",
      "a line break in the name   | {\"type\":\"ACCESS\",\"email\":\"a@example.org\",\"fullName\":\"Ann\\nClick here\"}     | fullName"})
  void controlCharactersAndNonNamesAreRefusedNamingTheField(String why, String body, String field) {
    var response = post("/api/requests", body, MediaType.APPLICATION_JSON);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(errorFields(response)).contains(field);
    assertNothingChanged();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"Γιώργος Παπαδόπουλος", "Jean-Luc O'Brien", "Smith, Jr.", "Zoë D’Arcy",
      "J. R. R. Tolkien"})
  void namesOfAnyScriptWithTheirPunctuationAreAccepted(String name) {
    var response = post("/api/requests", "{\"type\":\"ACCESS\",\"email\":\"" + uniqueEmail()
        + "\",\"fullName\":\"" + name + "\",\"details\":\"line one\\n\\tline two\"}", MediaType.APPLICATION_JSON);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(jdbc.queryForObject("select full_name from dsr_request where reference = ?", String.class,
        response.getBody().get("reference"))).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"+30 691 234 5678", "0030 691 234 5678", "+30-691-234-5678",
      "+30 (691) 234.5678", "+306912345678"})
  void aPhoneWrittenAsPeopleWriteItIsStoredInE164(String phone) {
    var response = post("/api/requests", "{\"type\":\"ACCESS\",\"email\":\"" + uniqueEmail()
        + "\",\"phone\":\"" + phone + "\"}", MediaType.APPLICATION_JSON);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(jdbc.queryForObject("select phone from dsr_request where reference = ?", String.class,
        response.getBody().get("reference"))).isEqualTo("+306912345678");
  }

  private static String uniqueEmail() {
    return RequestLifecycleIT.uniqueEmail();
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
