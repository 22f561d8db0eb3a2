package org.dsrpipeline.rights.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.security.StatusLinks;
import org.dsrpipeline.support.FakeSmsGateway;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.support.Verification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

/**
 * Proving a phone through the application: codes texted through a real local HTTP server standing in for
 * the SMS gateway (application-test.yaml points dsr.sms.base-url at it), entered behind the status link.
 */
class PhoneProofIT extends IntegrationTest {

  private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
  private static FakeSmsGateway gateway;

  @Autowired TestRestTemplate http;
  @Autowired StatusLinks links;
  @Autowired DataSubjectRequestRepository requests;
  @Autowired ProvenIdentities proven;
  @Autowired JdbcTemplate jdbc;

  @BeforeAll
  static void startGateway() {
    gateway = FakeSmsGateway.start();
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  @Test
  void aCodeIsTextedOnlyOnceTheEmailIsConfirmedAndTheRightCodeProvesThePhone() {
    var email = uniqueEmail();
    var phone = uniquePhone();
    var reference = (String) http.exchange("/api/requests", HttpMethod.POST, json(Map.of("type", "ERASURE", "email",
        email, "phone", phone)), MAP).getBody().get("reference");
    var token = links.tokenFor(reference);

    var beforeConfirming = send(token);
    var pageBeforeConfirming = statusPage(token);
    Verification.confirm(http, verificationLink(email));
    var pageToProve = statusPage(token);
    var sent = send(token);
    var code = awaitCode(phone);
    var wrong = enter(token, code.equals("000000") ? "111111" : "000000");
    var right = enter(token, code);
    var again = send(token);
    var pageAfterProof = statusPage(token);

    assertThat(pageBeforeConfirming).doesNotContain("/phone-proof/");
    assertThat(pageToProve).as("the status page links to the phone proof").contains("href=\"/phone-proof/" + token + "\"");
    assertThat(pageAfterProof).doesNotContain("/phone-proof/");

    assertThat(beforeConfirming.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) beforeConfirming.getBody().get("message")).contains("Confirm your email first");
    assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(gateway.acceptedTo(phone)).singleElement().satisfies(text -> {
      assertThat(text.text()).contains(reference);
      assertThat(text.contentType()).isEqualTo("application/json");
      assertThat(text.idempotencyKey()).startsWith("dsr-sms-");
    });
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(wrong.getBody()).containsEntry("status", "WRONG_CODE").containsEntry("triesLeft", 4);
    assertThat(right.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(right.getBody()).containsEntry("status", "PROVEN");
    assertThat(again.getBody()).containsEntry("status", "ALREADY_PROVEN");
    var request = requests.findByReference(reference).orElseThrow();
    assertThat(proven.of(request).identities().of(IdentityType.PHONE)).containsExactly(phone);
    assertThat(proven.of(request).how()).containsEntry(IdentityType.PHONE, "sms-code");
    assertThat(actions(request.id())).contains("PHONE_CODE_ISSUED", "SMS_SENT", "PHONE_CODE_REJECTED", "PHONE_PROVEN");
    assertThat(outcomes(request.id())).noneMatch(o -> o.contains(code) || o.contains(phone.substring(3)));
    assertThat(jdbc.queryForList("select body from dsr_sms_outbox where request_id = ?", String.class, request.id()))
        .as("a sent text's code is not kept").containsOnlyNulls();
  }

  private String statusPage(String token) {
    var headers = new org.springframework.http.HttpHeaders();
    headers.setAccept(java.util.List.of(org.springframework.http.MediaType.TEXT_HTML));
    return http.exchange("/status/" + token, HttpMethod.GET, new org.springframework.http.HttpEntity<>(headers),
        String.class).getBody();
  }

  @Test
  void anUnprovenPhoneIsNotAProvenIdentity() {
    var phone = uniquePhone();
    var reference = verifiedRequest(uniqueEmail(), phone);

    var request = requests.findByReference(reference).orElseThrow();

    assertThat(proven.of(request).identities().values()).containsOnlyKeys(IdentityType.EMAIL);
  }

  @Test
  void aGatewayThatFailsIsRetriedUntilItTakesTheTextAndTheTextIsNeverSentTwice() {
    var phone = uniquePhone();
    var reference = verifiedRequest(uniqueEmail(), phone);
    var id = requests.findByReference(reference).orElseThrow().id();
    gateway.failNext(phone, 503, 2);

    assertThat(send(links.tokenFor(reference)).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(jdbc.queryForObject(
        "select status from dsr_sms_outbox where request_id = ?", String.class, id)));
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
        .until(() -> gateway.acceptedTo(phone).size() == 1);
    assertThat(gateway.callsTo(phone)).extracting(FakeSmsGateway.Call::answered).containsExactly(503, 503, 202);
    assertThat(gateway.callsTo(phone)).extracting(FakeSmsGateway.Call::idempotencyKey).containsOnly(
        gateway.callsTo(phone).get(0).idempotencyKey());
    assertThat(jdbc.queryForObject("select attempts from dsr_sms_outbox where request_id = ?", Integer.class, id))
        .isEqualTo(3);
    assertThat(actions(id)).filteredOn("SMS_FAILED"::equals).hasSize(2);
    assertThat(actions(id)).filteredOn("SMS_SENT"::equals).hasSize(1);
  }

  @Test
  void aNewCodeAtMostEveryMinute() {
    var phone = uniquePhone();
    var token = links.tokenFor(verifiedRequest(uniqueEmail(), phone));

    var first = send(token);
    var second = send(token);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(Long.parseLong(second.getHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);
  }

  @Test
  void theFifthWrongTryKillsTheCode() {
    var phone = uniquePhone();
    var token = links.tokenFor(verifiedRequest(uniqueEmail(), phone));
    send(token);
    var code = awaitCode(phone);
    var wrong = code.equals("000000") ? "111111" : "000000";

    for (int left = 4; left >= 1; left--) {
      assertThat(enter(token, wrong).getBody()).containsEntry("triesLeft", left);
    }
    var fifth = enter(token, wrong);
    var rightButTooLate = enter(token, code);
    var malformed = enter(token, "12ab");

    assertThat(fifth.getBody()).containsEntry("status", "CODE_DEAD");
    assertThat(rightButTooLate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rightButTooLate.getBody()).containsEntry("status", "CODE_DEAD");
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) malformed.getBody().get("message")).startsWith("code:");
  }

  @Test
  void theDpoConfirmsAPhoneWithAReasonAndTheTrailNamesTheDpo() {
    var phone = uniquePhone();
    var reference = verifiedRequest(uniqueEmail(), phone);
    var dpo = http.withBasicAuth("dpo", "dpo");
    var path = "/api/dpo/requests/{reference}/phone-confirmation";

    var anonymous = http.exchange(path, HttpMethod.POST, json(Map.of("reason", "x")), String.class, reference);
    var noReason = dpo.exchange(path, HttpMethod.POST, json(Map.of("reason", " ")), MAP, reference);
    var confirmed = dpo.exchange(path, HttpMethod.POST, json(Map.of("reason", "Called back on " + phone
        + ", the requester answered")), MAP, reference);

    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(confirmed.getBody()).containsEntry("status", "PROVEN");
    var request = requests.findByReference(reference).orElseThrow();
    assertThat(proven.of(request).how()).containsEntry(IdentityType.PHONE, "dpo:dpo");
    var events = jdbc.queryForList("select actor, outcome from dsr_audit_event where request_id = ? and action = ?",
        request.id(), "PHONE_PROVEN");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.get("actor")).isEqualTo("dpo");
      assertThat((String) e.get("outcome")).contains("Called back on <number>").doesNotContain(phone.substring(3));
    });
  }

  @Test
  void theRequesterProvesThePhoneOnTheSmallPage() {
    var phone = uniquePhone();
    var token = links.tokenFor(verifiedRequest(uniqueEmail(), phone));

    var page = http.getForEntity("/phone-proof/{token}", String.class, token);
    var sent = form("/phone-proof/" + token + "/send", "");
    var proved = form("/phone-proof/" + token, "code=" + awaitCode(phone));
    var unknown = http.getForEntity("/phone-proof/{token}", String.class, "DSR-2026-000001.x");

    assertThat(page.getBody()).contains("Text me a code", "action=\"/phone-proof/" + token + "/send\"");
    assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(proved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(proved.getBody()).contains("data-status=\"PROVEN\"", "Your phone is proven");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ResponseEntity<Map<String, Object>> send(String token) {
    return http.exchange("/phone-proof/{token}/send", HttpMethod.POST, null, MAP, token);
  }

  private ResponseEntity<Map<String, Object>> enter(String token, String code) {
    return http.exchange("/phone-proof/{token}", HttpMethod.POST, json(Map.of("code", code)), MAP, token);
  }

  private ResponseEntity<String> form(String path, String body) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.setAccept(List.of(MediaType.TEXT_HTML));
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private static String awaitCode(String phone) {
    await().atMost(Duration.ofSeconds(20)).until(() -> !gateway.acceptedTo(phone).isEmpty());
    var matcher = CODE.matcher(gateway.acceptedTo(phone).get(gateway.acceptedTo(phone).size() - 1).text());
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  private String verifiedRequest(String email, String phone) {
    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST,
        json(Map.of("type", "ERASURE", "email", email, "phone", phone, "channel", "PHONE",
            "receivedAt", LocalDate.now(ZoneId.of("Europe/Athens")).toString(), "identityVerified", true)), MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

  private List<String> actions(long requestId) {
    return jdbc.queryForList("select action from dsr_audit_event where request_id = ? order by id", String.class,
        requestId);
  }

  private List<String> outcomes(long requestId) {
    return jdbc.queryForList("select outcome from dsr_audit_event where request_id = ?", String.class, requestId);
  }

  private static String verificationLink(String email) {
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream()
        .anyMatch(m -> Mails.body(m).contains("/verify/")));
    return Mails.linkPath(mailsTo(email).stream().filter(m -> Mails.body(m).contains("/verify/")).findFirst()
        .orElseThrow(), "/verify/");
  }

  static String uniqueEmail() {
    return "phone-proof-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  static String uniquePhone() {
    return "+3069" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
  }
}
