package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.support.Verification;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/** Opening the identity link only shows the request; pressing its button confirms, once. */
class VerificationIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired DataSubjectRequestRepository requests;
  @Autowired JdbcTemplate jdbc;

  @Test
  void openingTheLinkShowsTheRequestAndChangesNothing() {
    var email = RequestLifecycleIT.uniqueEmail();
    var reference = file(Map.of("type", "ERASURE", "email", email, "language", "el"));
    var link = verificationLink(email);

    var page = Verification.open(http, link);
    var again = Verification.open(http, link);

    assertThat(page.getBody()).contains(reference, "διαγραφή των προσωπικών σας δεδομένων",
        "Επιβεβαιώνω το αίτημά μου", "method=\"post\"");
    assertThat(again.getBody()).contains(reference);
    var request = requests.findByReference(reference).orElseThrow();
    assertThat(request.status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
    assertThat(request.identityVerifiedAt()).isNull();
    assertThat(jdbc.queryForObject("select count(*) from dsr_verification_token where request_id = ? and used_at is not null",
        Long.class, request.id())).isZero();
    assertThat(jdbc.queryForList("select action from dsr_audit_event where request_id = ?", String.class, request.id()))
        .doesNotContain("IDENTITY_CONFIRMED");
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(email).size() == 2);

    assertThat(Verification.confirm(http, link).getBody()).contains(reference);
    assertThat(requests.findByReference(reference).orElseThrow().identityVerifiedAt()).isNotNull();
  }

  @Test
  void theEnglishPageNamesTheRequestTypeAndReceiptDate() {
    var email = RequestLifecycleIT.uniqueEmail();
    var reference = file(Map.of("type", "ACCESS", "email", email));

    var page = Verification.open(http, verificationLink(email)).getBody();

    assertThat(page).contains(reference, "access to your personal data", "Received:", "Confirm my request");
  }

  @Test
  void aConfirmationWithoutThePagesNonceOrFromAnotherSiteIsRefused() {
    var email = RequestLifecycleIT.uniqueEmail();
    var reference = file(Map.of("type", "OBJECTION", "email", email));
    var link = verificationLink(email);
    var nonce = Verification.nonceOf(Verification.open(http, link));

    assertThat(Verification.press(http, link, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(Verification.press(http, link, "x" + nonce).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.set("Origin", "https://evil.example");
    var crossSite = http.exchange(link, HttpMethod.POST, new HttpEntity<>("nonce=" + nonce, headers), String.class);
    assertThat(crossSite.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(requests.findByReference(reference).orElseThrow().identityVerifiedAt()).isNull();

    headers.set("Origin", "http://localhost:8080");
    var fromOurPage = http.exchange(link, HttpMethod.POST, new HttpEntity<>("nonce=" + nonce, headers), String.class);
    assertThat(fromOurPage.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void twoConfirmationsAtOnceConfirmOnceAndTellTheOtherTheLinkWasUsed() throws Exception {
    var email = RequestLifecycleIT.uniqueEmail();
    var reference = file(Map.of("type", "RESTRICTION", "email", email));
    var link = verificationLink(email);
    var nonce = Verification.nonceOf(Verification.open(http, link));

    var start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(2);
    try {
      var answers = new ArrayList<Future<HttpStatus>>();
      for (int i = 0; i < 2; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return HttpStatus.valueOf(Verification.press(http, link, nonce).getStatusCode().value());
        }));
      }
      start.countDown();
      var statuses = new ArrayList<HttpStatus>();
      for (var answer : answers) {
        statuses.add(answer.get(30, TimeUnit.SECONDS));
      }
      assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.CONFLICT);
    } finally {
      pool.shutdownNow();
    }
    var request = requests.findByReference(reference).orElseThrow();
    assertThat(jdbc.queryForObject("select count(*) from dsr_audit_event where request_id = ? and action = 'IDENTITY_CONFIRMED'",
        Long.class, request.id())).isEqualTo(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 3);
  }

  private String file(Map<String, Object> body) {
    var response = http.exchange("/api/requests", HttpMethod.POST, json(body), RequestLifecycleIT.MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

  private static String verificationLink(String email) {
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream()
        .anyMatch(m -> Mails.body(m).contains("/verify/")));
    return Mails.linkPath(mailsTo(email).stream().filter(m -> Mails.body(m).contains("/verify/")).findFirst()
        .orElseThrow(), "/verify/");
  }
}
