package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Secret links cannot be guessed or enumerated: 256 random bits or a 256-bit HMAC each, compared in constant time
 * or looked up by their hash, and a link that is unknown, forged or expired gets one and the same answer where the
 * page says nothing more (the verification and download pages tell an expired link apart, on purpose: the
 * requester can act on it).
 */
class SecretLinksIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired StatusLinks statusLinks;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;

  @Test
  void randomTokensCarry256BitsAndNeverRepeat() {
    var seen = new HashSet<String>();
    long ones = 0;
    int tokens = 10_000;
    for (int i = 0; i < tokens; i++) {
      var token = OneTimeTokens.newToken();
      assertThat(token).matches("[A-Za-z0-9_-]{43}");
      assertThat(seen.add(token)).as("a token repeated").isTrue();
      for (var b : Base64.getUrlDecoder().decode(token)) {
        ones += Integer.bitCount(b & 0xff);
      }
    }
    double share = ones / (tokens * 256.0);
    assertThat(share).as("share of one bits").isBetween(0.49, 0.51);
    var signature = statusLinks.tokenFor("DSR-2026-000001").substring("DSR-2026-000001.".length());
    assertThat(signature).matches("[A-Za-z0-9_-]{43}");
    assertThat(statusLinks.tokenFor("DSR-2026-000002")).doesNotEndWith(signature);
  }

  @Test
  void linksAreComparedInConstantTimeOrLookedUpByTheirHash() throws Exception {
    for (var signed : List.of("security/StatusLinks.java", "security/FormNonces.java", "delivery/Downloads.java")) {
      assertThat(source(signed)).as(signed).contains("MessageDigest.isEqual(");
    }
    for (var hashed : List.of("rights/controllers/ControllerRequests.java", "rights/recipients/RecipientNotices.java",
        "request/IdentityVerification.java")) {
      assertThat(source(hashed)).as(hashed).contains("OneTimeTokens.hash(token)");
    }
  }

  @Test
  void anUnknownAForgedAndAnExpiredLinkGetTheSameAnswer() {
    DsrApi.ensureUsers(identity);
    var reference = new DsrApi(http, tasks).recordVerified(DsrApi.uniqueEmail(), LocalDate.now());
    var requestId = jdbc.queryForObject("select id from dsr_request where reference = ?", Long.class, reference);
    var past = Timestamp.from(Instant.now().minus(1, ChronoUnit.DAYS));

    var expiredController = OneTimeTokens.newToken();
    jdbc.update("insert into dsr_controller_request (request_id, operation, controller_id, controller_name, address,"
        + " language, records, stores, status, token_hash, asked_at, expires_at) values (?, 'RESTRICT', '10',"
        + " 'A controller customer', 'customer@example.org', 'en', 1, 'message-log', 'ASKED', ?, ?, ?)", requestId,
        OneTimeTokens.hash(expiredController), past, past);
    sameAnswer("/controller/" + expiredController, "/controller/" + OneTimeTokens.newToken(), "/controller/x");
    sameAnswer("/api/controller/" + expiredController, "/api/controller/" + OneTimeTokens.newToken(),
        "/api/controller/x");

    var expiredRecipient = OneTimeTokens.newToken();
    jdbc.update("insert into dsr_recipient_notice (request_id, recipient_name, address, stores, operations, status,"
        + " token_hash, notified_at, expires_at) values (?, 'Company branches abroad', 'dpo@apifon.com',"
        + " 'customer-accounts', 'RESTRICT', 'NOTIFIED', ?, ?, ?)", requestId, OneTimeTokens.hash(expiredRecipient),
        past, past);
    sameAnswer("/recipient/" + expiredRecipient, "/recipient/" + OneTimeTokens.newToken(), "/recipient/x");

    var forgedStatus = reference + "." + statusLinks.tokenFor("DSR-1999-000001").substring("DSR-1999-000001.".length());
    sameAnswer("/status/" + forgedStatus, "/status/DSR-1999-000001.x", "/status/x");

    var forgedDownload = "/download/" + reference + ".1." + OneTimeTokens.newToken();
    sameAnswer(forgedDownload, "/download/" + reference + ".1.x", "/download/x");
    sameAnswer("/verify/" + OneTimeTokens.newToken(), "/verify/x", "/verify/" + "A".repeat(43));
  }

  private void sameAnswer(String... paths) {
    for (var accept : List.of(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON)) {
      ResponseEntity<String> first = null;
      String firstBody = null;
      for (var path : paths) {
        var headers = new HttpHeaders();
        headers.setAccept(List.of(accept, MediaType.ALL));
        var answer = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(answer.getStatusCode().value()).as(path).isEqualTo(404);
        var body = withoutPathAndTime(answer.getBody(), path);
        if (first == null) {
          first = answer;
          firstBody = body;
        } else {
          assertThat(body).as("%s answers as %s", path, paths[0]).isEqualTo(firstBody);
        }
      }
    }
  }

  /** Spring's JSON error names the path and the time; nothing else may differ. */
  private static String withoutPathAndTime(String body, String path) {
    return body == null ? "" : body.replace(path, "{path}").replaceAll("\"timestamp\":\"[^\"]*\"", "");
  }

  private static String source(String file) throws Exception {
    return Files.readString(Path.of("src/main/java/org/dsrpipeline", file));
  }
}
