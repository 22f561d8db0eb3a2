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

  @Test
  void aVerifiedRequestReachesTheDpoAndIsAnsweredWithEveryEmailSent() {
    var email = uniqueEmail();
    var filed = file(Map.of("type", "ERASURE", "email", email, "fullName", "Eleni Test", "language", "en"));
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

    completeAsDpo(review, Map.of("decision", "proceed"));
    var carryOut = awaitTask(reference, "Task_CarryOutErasure");
    completeAsDpo(carryOut, Map.of("outcomeSummary", "Your account was erased."));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 4);
    assertThat(mailsTo(email)).extracting(Mails::subject).anyMatch(s -> s.contains("completed") || s.contains(reference));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
    assertThat(auditActions(reference)).containsSubsequence("RECEIVED", "VERIFICATION_REQUESTED",
        "IDENTITY_CONFIRMED", "COMPLETED");
    assertThat(auditTrail(reference)).filteredOn(e -> "COMPLETED".equals(e.get("action")))
        .singleElement().satisfies(e -> assertThat(e.get("actor")).isEqualTo("dpo"));
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

    completeAsDpo(awaitTask(reference, "Task_ConsiderExtension"), Map.of("extensionReason", "Data in 14 systems"));

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
  }

  @Test
  void aRefusalGivesTheReasonsAndTheRightToComplain() {
    var email = uniqueEmail();
    var reference = recordVerified(email);

    completeAsDpo(awaitTask(reference, "Task_ReviewRequest"),
        Map.of("decision", "refuse", "refusalReasons", "Sixth identical request this month"));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.REFUSED));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream()
        .anyMatch(m -> Mails.body(m).contains("Sixth identical request this month")));
    var refusal = mailsTo(email).stream().filter(m -> Mails.body(m).contains("Sixth identical")).findFirst().orElseThrow();
    assertThat(Mails.body(refusal)).containsIgnoringCase("supervisory authority").containsIgnoringCase("judicial remedy");
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

    completeAsDpo(escalation, Map.of("overdueNote", "Answer sent by post today"));
    assertThat(auditTrail(reference)).filteredOn(e -> "OVERDUE_ANSWERED".equals(e.get("action"))).singleElement()
        .satisfies(e -> assertThat((String) e.get("outcome")).contains("Answer sent by post today"));
    assertThat(runtime.getVariable(processOf(reference), "overdueNote")).isNull();
  }

  @Test
  void theDpoRecordsAPostalRequestWithItsRealReceiptDateAndSeesEarlierRequests() {
    var email = uniqueEmail();
    file(Map.of("type", "ACCESS", "email", email));
    var receivedAt = "2026-11-02T09:30:00+02:00";

    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST,
        json(Map.of("type", "OBJECTION", "email", email, "channel", "POST", "receivedAt", receivedAt,
            "identityVerified", true)), MAP);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    var expected = legalClock.firstDeadline(java.time.OffsetDateTime.parse(receivedAt).toInstant());
    assertThat(response.getBody()).containsEntry("dueDate", expected.dueDate().toString())
        .containsEntry("status", "IN_PROGRESS");
    var reference = (String) response.getBody().get("reference");
    var review = awaitTask(reference, "Task_ReviewRequest");
    assertThat(review.getDueDate()).isEqualTo(Date.from(expected.dueAt()));
    assertThat((String) runtime.getVariable(review.getProcessInstanceId(), "earlierRequests"))
        .contains("ACCESS").doesNotContain(email);
    assertThat(auditTrail(reference)).extracting(e -> e.get("actor")).contains("dpo");
  }

  @Test
  void aLateRecordedUnconfirmedRequestClosesNoLaterThanItsDeadline() {
    var receivedAt = java.time.LocalDate.now(legalClock.zone()).minusDays(25).toString();
    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST,
        json(Map.of("type", "ACCESS", "email", uniqueEmail(), "channel", "POST", "receivedAt", receivedAt)), MAP);
    var reference = (String) response.getBody().get("reference");

    var timer = management.createJobQuery().processInstanceId(processOf(reference)).timers().singleResult();

    assertThat(timer.getDuedate()).isEqualTo(Date.from(requests.findByReference(reference).orElseThrow().dueAt()));
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
    var body = Map.of("variables", variables.entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Map.of("value", e.getValue()))));
    var response = http.withBasicAuth("dpo", "dpo").exchange("/engine-rest/task/" + task.getId() + "/complete",
        HttpMethod.POST, json(body), String.class);
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
