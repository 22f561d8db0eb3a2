package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.camunda.bpm.engine.RuntimeService;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Hostile input at every anonymous door, generated with jqwik: random and malformed JSON, deep nesting, huge bodies,
 * every Unicode plane, control characters, header injection, SQL and script metacharacters, in every field and in
 * the secret links' paths. Never a 5xx; a refusal creates no request, no process instance and so no email.
 */
class HostileInputIT extends IntegrationTest {

  private static final List<String> FIELDS = List.of("type", "email", "phone", "fullName", "language", "details",
      "scope", "transmitTo", "channel", "receivedAt", "identityVerified", "corrections");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;

  /** Text no form should trust: any code point, control characters, injections, metacharacters, long runs. */
  static Arbitrary<String> hostileText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(20),
        Arbitraries.strings().withCharRange('\ud800', '\udfff').ofMinLength(1).ofMaxLength(10),
        Arbitraries.of("a@example.org\r\nBcc: victim@example.org", "x\r\nSubject: hi", "' or 1=1 --",
            "\"; drop table dsr_request; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "%00", "\u0000",
            "\ud83d\ude00\ud83d\udca9", "\u202eevil", "../../etc/passwd", "http://127.0.0.1/x", "ERASURE\u0000",
            "javascript:alert(1)", "=cmd|' /C calc'!A0"),
        Arbitraries.strings().withChars('a', '<', '>', '"', '\'', '&', ';', '%').ofMinLength(1000).ofMaxLength(20_000));
  }

  @Test
  void randomBodiesNeverBreakTheIntakeAndARefusalCreatesNothing() {
    var bodies = new ArrayList<String>();
    Arbitraries.strings().all().ofMaxLength(500).sampleStream().limit(150).forEach(bodies::add);
    Stream.of("{", "}", "[]", "null", "1", "\"x\"", "{\"type\":", "{\"type\":null}", "{\"type\":[]}",
        "{\"type\":{\"a\":1}}", "{\"email\":1e999999}", "{\"\u0000\":1}").forEach(bodies::add);
    for (int depth : new int[] {10, 500, 2_000, 20_000}) {
      bodies.add("[".repeat(depth) + "]".repeat(depth));
      bodies.add("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
      bodies.add("{\"type\":\"ERASURE\",\"email\":\"a@example.org\",\"details\":" + "[".repeat(depth) + "]".repeat(depth)
          + "}");
    }
    bodies.add("{\"type\":\"ERASURE\",\"email\":\"a@example.org\",\"details\":\"" + "x".repeat(100_000) + "\"}");
    for (var body : bodies) {
      intake(body, MediaType.APPLICATION_JSON);
      intake(body, MediaType.TEXT_PLAIN);
    }
  }

  @Test
  void hostileValuesInEveryFieldNeverBreakTheIntake() {
    var values = hostileText().sampleStream().limit(250).toList();
    for (int i = 0; i < values.size(); i++) {
      var field = FIELDS.get(i % FIELDS.size());
      var body = new java.util.LinkedHashMap<String, Object>(Map.of("type", "ERASURE", "email", "hostile@example.org"));
      body.put(field, field.equals("corrections") ? List.of(Map.of("field", values.get(i), "value", values.get(i)))
          : values.get(i));
      intake(asJson(body), MediaType.APPLICATION_JSON);
    }
  }

  @Test
  void hostilePortalFormsNeverBreakThePortal() {
    var values = hostileText().sampleStream().limit(150).toList();
    var names = List.of("type", "email", "phone", "fullName", "language", "details", "scope", "transmitTo",
        "correctionField0", "correctionValue0", "nonce", "x");
    for (int i = 0; i < values.size(); i++) {
      var form = new LinkedMultiValueMap<String, String>();
      form.add("type", i % 3 == 0 ? values.get(i) : "RECTIFICATION");
      form.add("email", i % 3 == 1 ? values.get(i) : "hostile@example.org");
      form.add(names.get(i % names.size()), values.get(i));
      var headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
      refusedLeavesNothing(() -> http.exchange("/requests", HttpMethod.POST, new HttpEntity<>(form, headers),
          String.class).getStatusCode().value(), form.toString());
    }
  }

  @Test
  void hostileSecretLinksNeverBreakTheirPages() {
    var tokens = hostileText().sampleStream().limit(60).toList();
    var doors = List.of("GET /status/", "GET /verify/", "POST /verify/", "GET /download/", "POST /download/",
        "GET /controller/", "POST /controller/", "GET /api/controller/", "POST /api/controller/", "GET /recipient/",
        "POST /recipient/", "GET /phone-proof/", "POST /phone-proof/");
    for (var token : tokens) {
      var segment = URLEncoder.encode(token.isEmpty() ? "x" : token, StandardCharsets.UTF_8).replace("+", "%20");
      for (var door : doors) {
        var method = HttpMethod.valueOf(door.substring(0, door.indexOf(' ')));
        var uri = java.net.URI.create("http://localhost:" + port() + door.substring(door.indexOf(' ') + 1) + segment);
        var headers = new HttpHeaders();
        headers.setContentType(door.contains("/api/") ? MediaType.APPLICATION_JSON
            : MediaType.APPLICATION_FORM_URLENCODED);
        var body = door.contains("/api/") ? "{\"answer\":\"CARRY_OUT\"}" : "nonce=" + segment + "&email=" + segment;
        refusedLeavesNothing(() -> http.exchange(uri, method, new HttpEntity<>(method == HttpMethod.GET ? null : body,
            headers), String.class).getStatusCode().value(), door + token);
      }
    }
  }

  @Autowired org.springframework.core.env.Environment environment;

  private int port() {
    return Integer.parseInt(environment.getProperty("local.server.port"));
  }

  private void intake(String body, MediaType type) {
    var headers = new HttpHeaders();
    headers.setContentType(type);
    refusedLeavesNothing(() -> http.exchange("/api/requests", HttpMethod.POST, new HttpEntity<>(body, headers),
        String.class).getStatusCode().value(), body.length() > 300 ? body.substring(0, 300) + "…" : body);
  }

  private void refusedLeavesNothing(java.util.function.IntSupplier call, String input) {
    long requests = jdbc.queryForObject("select count(*) from dsr_request", Long.class);
    long instances = runtime.createProcessInstanceQuery().processDefinitionKey("Process_DataSubjectRequest").count();
    int status = call.getAsInt();
    assertThat(status).as("status for %s", input).isLessThan(500);
    if (status != 201) {
      assertThat(jdbc.queryForObject("select count(*) from dsr_request", Long.class)).as("a request from %s", input)
          .isEqualTo(requests);
      assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("Process_DataSubjectRequest").count())
          .as("a process from %s", input).isEqualTo(instances);
    }
  }

  private static String asJson(Object body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
