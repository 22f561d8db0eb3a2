package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.support.Verification;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The spine end to end over HTTP: intake, emails, verification, the DPO's tasks, the answer. */
class RequestLifecycleIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired LegalClock legalClock;
  @Autowired DataSubjectRequestRepository requests;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired VerificationTokenRepository verificationTokens;

  @org.junit.jupiter.api.BeforeEach
  void twoDpoUsers() {
    DsrApi.ensureUsers(identity);
  }

  @Test
  void aVerifiedRequestReachesTheDpoAndIsAnsweredWithEveryEmailSent() {
    var email = uniqueEmail();
    var filed = file(Map.of("type", "ACCESS", "email", email, "fullName", "Eleni Test", "language", "en"));
    var reference = (String) filed.get("reference");
    assertThat(reference).matches("DSR-\\d{4}-\\d{6,}");
    assertThat(filed).containsEntry("status", "AWAITING_VERIFICATION");
    var expectedDue = legalClock.firstDeadline(requests.findByReference(reference).orElseThrow().receivedAt());
    assertThat(filed).containsEntry("dueDate", expectedDue.dueDate().toString());

    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 2);
    var verifyMail = mailsTo(email).stream().filter(m -> Mails.body(m).contains("/verify/")).findFirst().orElseThrow();
    assertThat(Mails.body(verifyMail)).doesNotContain(email);

    var verified = Verification.confirm(http, Mails.linkPath(verifyMail, "/verify/"));
    assertThat(verified.getStatusCode()).isEqualTo(HttpStatus.OK);

    var review = awaitTask(reference, "Task_ReviewRequest");
    assertThat(review.getDueDate()).isEqualTo(Date.from(expectedDue.dueAt()));
    assertThat(review.getFollowUpDate()).isEqualTo(Date.from(expectedDue.reminderAt()));
    assertThat(tasks.getIdentityLinksForTask(review.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("dpo"));

    var carryOut = new DsrApi(http, tasks).proceedToAccessReview(reference);
    // A variable anyone with engine access could set must not change who the evidence names.
    var rewrite = http.withBasicAuth("admin", "admin").exchange("/engine-rest/process-instance/" + processOf(reference)
        + "/variables/decidedBy", HttpMethod.PUT, json(Map.of("value", "mallory", "type", "String")), String.class);
    assertThat(rewrite.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    completeAs(DsrApi.SECOND_DPO, carryOut, Map.of("packageApproved", true,
        "outcomeSummary", "Your copy is behind the link below."));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 4);
    assertThat(mailsTo(email)).extracting(Mails::subject).anyMatch(s -> s.contains("completed") || s.contains(reference));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
    assertThat(auditActions(reference)).containsSubsequence("RECEIVED", "VERIFICATION_REQUESTED",
        "IDENTITY_CONFIRMED", "COMPLETED");
    assertThat(actorsOf(reference, "REVIEW_DECIDED")).containsExactly("dpo");
    assertThat(actorsOf(reference, "RIGHT_CARRIED_OUT")).containsExactly(DsrApi.SECOND_DPO);
    assertThat(actorsOf(reference, "COMPLETED")).containsExactly(DsrApi.SECOND_DPO);
    assertThat(auditTrail(reference)).extracting(e -> e.get("actor")).doesNotContain("mallory");
  }

  @Test
  void noPersonalDataReachesTheProcessVariables() {
    var email = uniqueEmail();
    var reference = (String) file(Map.of("type", "ACCESS", "email", email, "fullName", "Nikos Secret",
        "phone", "+306912345678", "details", "my account")).get("reference");

    var values = history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
            .singleResult().getId())
        .list().stream().map(v -> String.valueOf(v.getValue())).toList();
    assertThat(values).isNotEmpty().noneMatch(v -> v.contains(email) || v.contains("Nikos")
        || v.contains("6912345678") || v.contains("my account"));
  }

  @Test
  void aReplayedForgedOrExpiredLinkChangesNothing() {
    var email = uniqueEmail();
    var reference = (String) file(Map.of("type", "ACCESS", "email", email)).get("reference");
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 2);
    var link = Mails.linkPath(mailsTo(email).stream().filter(m -> Mails.body(m).contains("/verify/")).findFirst()
        .orElseThrow(), "/verify/");

    assertThat(http.getForEntity("/verify/" + "x".repeat(43), String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/verify/not-a-token", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(Verification.press(http, "/verify/" + "x".repeat(43), "forged").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);

    assertThat(Verification.confirm(http, link).getStatusCode()).isEqualTo(HttpStatus.OK);
    var replay = Verification.press(http, link, null);
    assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(replay.getBody()).contains("already");
    assertThat(http.getForEntity(link, String.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(auditActions(reference)).containsOnlyOnce("IDENTITY_CONFIRMED");
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(email).size() == 3);
  }

  @Test
  void anExpiredLinkIsRefusedAndTheRequestClosesWhenTheWindowEnds() {
    var email = uniqueEmail();
    var reference = (String) file(Map.of("type", "PORTABILITY", "email", email, "language", "el")).get("reference");
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 2);
    var link = Mails.linkPath(mailsTo(email).stream().filter(m -> Mails.body(m).contains("/verify/")).findFirst()
        .orElseThrow(), "/verify/");

    var timer = management.createJobQuery().processInstanceId(processOf(reference)).timers().singleResult();
    management.executeJob(timer.getId());
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.CLOSED_UNVERIFIED));

    assertThat(http.getForEntity(link, String.class).getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(Verification.press(http, link, null).getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(requests.findByReference(reference).orElseThrow().identityVerifiedAt()).isNull();
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 3);
    assertThat(Mails.subject(mailsTo(email).get(2))).contains(reference);
  }

  @Test
  void theDpoExtendsTheDeadlineOnceAndTheRequesterIsToldWhy() {
    var email = uniqueEmail();
    var reference = recordVerified(email);
    var request = requests.findByReference(reference).orElseThrow();
    var extended = legalClock.extendedDeadline(request.clockStartedAt());

    completeAs(DsrApi.SECOND_DPO, awaitTask(reference, "Task_ConsiderExtension"),
        Map.of("extensionReason", "Data in 14 systems"));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var now = requests.findByReference(reference).orElseThrow();
      assertThat(now.extended()).isTrue();
      assertThat(now.dueDate()).isEqualTo(extended.dueDate());
    });
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(awaitTask(reference, "Task_ReviewRequest").getDueDate()).isEqualTo(Date.from(extended.dueAt())));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream()
        .anyMatch(m -> Mails.body(m).contains("Data in 14 systems")));
    assertThat(auditTrail(reference)).filteredOn(e -> "DEADLINE_EXTENDED".equals(e.get("action")))
        .singleElement().satisfies(e -> assertThat((String) e.get("outcome")).contains("Data in 14 systems"));
    assertThat(actorsOf(reference, "EXTENSION_DECIDED")).containsExactly(DsrApi.SECOND_DPO);
    assertThat(actorsOf(reference, "DEADLINE_EXTENDED")).containsExactly(DsrApi.SECOND_DPO);
  }

  @Test
  void aRefusalGivesTheReasonsAndTheRightToComplain() {
    var email = uniqueEmail();
    var reference = recordVerified(email);

    completeAs(DsrApi.SECOND_DPO, awaitTask(reference, "Task_ReviewRequest"),
        Map.of("decision", "refuse", "refusalReasons", "Sixth identical request this month"));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.REFUSED));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream()
        .anyMatch(m -> Mails.body(m).contains("Sixth identical request this month")));
    var refusal = mailsTo(email).stream().filter(m -> Mails.body(m).contains("Sixth identical")).findFirst().orElseThrow();
    assertThat(Mails.body(refusal)).containsIgnoringCase("supervisory authority").containsIgnoringCase("judicial remedy");
    assertThat(actorsOf(reference, "REVIEW_DECIDED")).containsExactly(DsrApi.SECOND_DPO);
    assertThat(actorsOf(reference, "REFUSED")).containsExactly(DsrApi.SECOND_DPO);
  }

  @Test
  void aRequestUnansweredAtItsDeadlineBecomesOverdueAndTheDpoIsAlerted() {
    var reference = recordVerified(uniqueEmail());
    awaitTask(reference, "Task_ReviewRequest");

    var deadlineTimer = management.createJobQuery().processInstanceId(processOf(reference)).timers().list().stream()
        .filter(j -> j.getDuedate().equals(Date.from(requests.findByReference(reference).orElseThrow().dueAt())))
        .findFirst().orElseThrow();
    management.executeJob(deadlineTimer.getId());

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.OVERDUE));
    var escalation = awaitTask(reference, "Task_AnswerOverdueRequest");
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo("dpo@").stream()
        .anyMatch(m -> Mails.subject(m).contains(reference)));

    completeAs(DsrApi.SECOND_DPO, escalation, Map.of("overdueNote", "Answer sent by post today"));
    assertThat(auditTrail(reference)).filteredOn(e -> "OVERDUE_ANSWERED".equals(e.get("action"))).singleElement()
        .satisfies(e -> assertThat((String) e.get("outcome")).contains("Answer sent by post today"))
        .satisfies(e -> assertThat(e.get("actor")).isEqualTo(DsrApi.SECOND_DPO));
    assertThat(runtime.getVariable(processOf(reference), "overdueNote")).isNull();
  }

  @Test
  void theDpoRecordsAPostalRequestWithItsRealReceiptDateAndSeesEarlierRequests() {
    var email = uniqueEmail();
    file(Map.of("type", "ACCESS", "email", email));
    var receivedAt = "2026-11-02T09:30:00+02:00";

    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST,
        json(Map.of("type", "OBJECTION", "scope", "PROCESSING", "email", email, "channel", "POST",
            "receivedAt", receivedAt, "identityVerified", true)), MAP);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    var expected = legalClock.firstDeadline(java.time.OffsetDateTime.parse(receivedAt).toInstant());
    assertThat(response.getBody()).containsEntry("dueDate", expected.dueDate().toString())
        .containsEntry("status", "IN_PROGRESS");
    var reference = (String) response.getBody().get("reference");
    var review = awaitTask(reference, "Task_ReviewRequest");
    assertThat(review.getDueDate()).isEqualTo(Date.from(expected.dueAt()));
    assertThat((String) runtime.getVariable(review.getProcessInstanceId(), "earlierRequests"))
        .contains("Confirmed earlier requests: 0").endsWith("anyone may have filed them): 1").doesNotContain(email);
    assertThat(auditTrail(reference)).extracting(e -> e.get("actor")).contains("dpo");
  }

  @Test
  void aRequestRecordedAfterItsDeadlineStillGivesTheRequesterTheMinimumWindow() {
    var before = java.time.Instant.now();
    var reference = recordUnconfirmed(java.time.LocalDate.now(legalClock.zone()).minusDays(40));
    var after = java.time.Instant.now();

    var timer = management.createJobQuery().processInstanceId(processOf(reference)).timers().singleResult();
    assertThat(timer.getDuedate().toInstant()).isBetween(before.plus(Duration.ofDays(7)).minusSeconds(1),
        after.plus(Duration.ofDays(7)).plusSeconds(1));
    var link = verificationTokens.findFirstByRequestIdOrderByExpiresAtDesc(
        requests.findByReference(reference).orElseThrow().id()).orElseThrow();
    assertThat(link.expiresAt().toEpochMilli()).isEqualTo(timer.getDuedate().getTime());
  }

  @Test
  void aRequestRecordedNearItsDeadlineGetsTheMinimumWindowNotTheDaysLeft() {
    var receivedOn = java.time.LocalDate.now(legalClock.zone()).minusDays(27);
    var before = java.time.Instant.now();
    var reference = recordUnconfirmed(receivedOn);

    var dueAt = requests.findByReference(reference).orElseThrow().dueAt();
    var timer = management.createJobQuery().processInstanceId(processOf(reference)).timers().singleResult();
    var expected = dueAt.isAfter(before.plus(Duration.ofDays(7))) ? dueAt : before.plus(Duration.ofDays(7));
    assertThat(timer.getDuedate().toInstant()).isBetween(expected.minusSeconds(1), expected.plusSeconds(5));
  }

  @Test
  void anUnconfirmedRequestWhoseDeadlinePassedGoesToTheDpoWhoMayConfirmTheIdentity() {
    var reference = recordUnconfirmed(java.time.LocalDate.now(legalClock.zone()).minusDays(40));
    var timer = management.createJobQuery().processInstanceId(processOf(reference)).timers().singleResult();

    management.executeJob(timer.getId());

    var decide = awaitTask(reference, "Task_DecideUnconfirmedRequest");
    assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
    assertThat(auditActions(reference)).doesNotContain("CLOSED_UNVERIFIED");
    assertThat(tasks.getIdentityLinksForTask(decide.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("dpo"));

    completeAs(DsrApi.SECOND_DPO, decide, Map.of("unconfirmedDecision", "confirmed",
        "unconfirmedNote", "Called the requester on the number in the letter"));

    var review = awaitTask(reference, "Task_ReviewRequest");
    assertThat(requests.findByReference(reference).orElseThrow().identityVerifiedAt()).isNotNull();
    // Handled at once, and escalated: its deadline has already passed.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.OVERDUE));
    awaitTask(reference, "Task_AnswerOverdueRequest");
    assertThat(actorsOf(reference, "UNCONFIRMED_DECIDED")).containsExactly(DsrApi.SECOND_DPO);
    assertThat(actorsOf(reference, "IDENTITY_CONFIRMED")).containsExactly(DsrApi.SECOND_DPO);
    assertThat(runtime.getVariable(processOf(reference), "unconfirmedNote")).isNull();
    // Close it, so that no other test finds an overdue task of this one.
    completeAsDpo(review, Map.of("decision", "refuse", "refusalReasons", "Test request"));
  }

  @Test
  void theDpoClosesAnUnconfirmedRequestWhoseDeadlinePassed() {
    var reference = recordUnconfirmed(java.time.LocalDate.now(legalClock.zone()).minusDays(40));
    management.executeJob(management.createJobQuery().processInstanceId(processOf(reference)).timers().singleResult()
        .getId());

    var decide = awaitTask(reference, "Task_DecideUnconfirmedRequest");
    var refused = http.withBasicAuth("dpo", "dpo").exchange("/engine-rest/task/" + decide.getId() + "/complete",
        HttpMethod.POST, json(Map.of("variables", Map.of("unconfirmedDecision", Map.of("value", "close")))), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    completeAsDpo(decide, Map.of("unconfirmedDecision", "close", "unconfirmedNote", "No answer by phone or post"));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.CLOSED_UNVERIFIED));
    assertThat(actorsOf(reference, "UNCONFIRMED_DECIDED")).containsExactly("dpo");
  }

  @Test
  void theDpoFindsARequestersRequestsWithoutPuttingTheAddressInAUrl() {
    var email = uniqueEmail();
    var first = (String) file(Map.of("type", "ACCESS", "email", email)).get("reference");
    var second = (String) file(Map.of("type", "ERASURE", "email", email.toUpperCase())).get("reference");

    var found = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests/search", HttpMethod.POST,
        json(Map.of("email", email)), LIST);

    assertThat(found.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(found.getBody()).extracting(r -> r.get("reference")).containsExactlyInAnyOrder(first, second);
  }

  // --- helpers ---

  static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
  static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

  static String uniqueEmail() {
    return "requester-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  Map<String, Object> file(Map<String, Object> body) {
    var response = http.exchange("/api/requests", HttpMethod.POST, json(body), MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return response.getBody();
  }

  String recordUnconfirmed(java.time.LocalDate receivedOn) {
    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST,
        json(Map.of("type", "ACCESS", "email", uniqueEmail(), "channel", "POST", "receivedAt", receivedOn.toString())), MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

  List<Object> actorsOf(String reference, String action) {
    return auditTrail(reference).stream().filter(e -> action.equals(e.get("action"))).map(e -> e.get("actor")).toList();
  }

  String recordVerified(String email) {
    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST,
        json(Map.of("type", "ACCESS", "email", email, "channel", "PHONE",
            "receivedAt", java.time.LocalDate.now(legalClock.zone()).toString(), "identityVerified", true)), MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

  String processOf(String reference) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("Process_DataSubjectRequest").singleResult().getId();
  }

  Task awaitTask(String reference, String key) {
    return await().atMost(Duration.ofSeconds(20)).until(
        () -> tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).singleResult(),
        task -> task != null);
  }

  /** Completes a task the way Tasklist does: over the engine REST API, authenticated as the DPO. */
  void completeAsDpo(Task task, Map<String, Object> variables) {
    completeAs("dpo", task, variables);
  }

  void completeAs(String user, Task task, Map<String, Object> variables) {
    var body = Map.of("variables", variables.entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Map.of("value", e.getValue()))));
    var response = http.withBasicAuth(user, DsrApi.passwordOf(user)).exchange(
        "/engine-rest/task/" + task.getId() + "/complete", HttpMethod.POST, json(body), String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  List<Map<String, Object>> auditTrail(String reference) {
    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests/" + reference + "/audit",
        HttpMethod.GET, null, LIST);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  List<String> auditActions(String reference) {
    return auditTrail(reference).stream().map(e -> (String) e.get("action")).toList();
  }
}
