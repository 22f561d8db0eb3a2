package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every text the DPO's forms accept goes through to the requester and the evidence trail; one
 * character more, or a step the law does not allow, is refused at completion with 400 and the message.
 */
class DpoTextsIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired DataSubjectRequestRepository requests;
  @Autowired LegalClock legalClock;
  @Autowired TransactionTemplate transaction;

  DsrApi api;

  @BeforeEach
  void api() {
    api = new DsrApi(http, tasks);
    DsrApi.ensureUsers(identity);
  }

  @Test
  void aRefusalOf2000CharactersReachesTheRequesterAndTheEvidence() {
    var email = DsrApi.uniqueEmail();
    var reference = api.recordVerified(email, today());
    var reasons = longText("Refused because ", 2000);

    api.completeOk("dpo", api.awaitTask(reference, "Task_ReviewRequest"),
        Map.of("decision", "refuse", "refusalReasons", reasons));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.REFUSED));
    assertThat(api.events(reference, "REFUSED")).singleElement()
        .satisfies(e -> assertThat((String) e.get("outcome")).endsWith(reasons.strip()));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream()
        .anyMatch(m -> Mails.body(m).contains(reasons.substring(0, 200))));
  }

  @Test
  void anExtensionReasonOf1000CharactersExtendsTellsTheRequesterAndKeepsATimer() {
    var email = DsrApi.uniqueEmail();
    var reference = api.recordVerified(email, today());
    var extended = legalClock.extendedDeadline(requests.findByReference(reference).orElseThrow().clockStartedAt());
    var reason = longText("Data in many systems ", 1000);

    api.completeOk("dpo", api.awaitTask(reference, "Task_ConsiderExtension"), Map.of("extensionReason", reason));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(requests.findByReference(reference).orElseThrow().dueDate()).isEqualTo(extended.dueDate()));
    var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(management.createJobQuery().processInstanceId(instance).timers().list())
            .anySatisfy(timer -> assertThat(timer.getDuedate()).isEqualTo(Date.from(extended.reminderAt()))));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream()
        .anyMatch(m -> Mails.body(m).contains(reason.substring(0, 200))));
    assertThat(runtime.getVariable(instance, "extensionReason")).isNull();
    // the status page's timeline says why, as the email did
    var statusLink = Mails.linkPath(mailsTo(email).stream().filter(m -> Mails.body(m).contains("/status/"))
        .findFirst().orElseThrow(), "/status/");
    var status = http.exchange(statusLink, org.springframework.http.HttpMethod.GET,
        new org.springframework.http.HttpEntity<>(acceptJson()), DsrApi.MAP).getBody();
    assertThat(status).containsEntry("extended", true).containsEntry("extensionReason", reason);
    var html = new org.springframework.http.HttpHeaders();
    html.setAccept(java.util.List.of(org.springframework.http.MediaType.TEXT_HTML));
    assertThat(http.exchange(statusLink, org.springframework.http.HttpMethod.GET,
        new org.springframework.http.HttpEntity<>(html), String.class).getBody()).contains("id=\"extension-reason\"",
        reason.substring(0, 100));
  }

  private static org.springframework.http.HttpHeaders acceptJson() {
    var headers = new org.springframework.http.HttpHeaders();
    headers.setAccept(java.util.List.of(org.springframework.http.MediaType.APPLICATION_JSON));
    return headers;
  }

  @Test
  void anOutcomeSummaryOf4000CharactersAnswersTheRequester() {
    var email = DsrApi.uniqueEmail();
    var reference = api.recordVerified(email, today());
    var summary = longText("Erased from the CRM ", 4000);

    api.completeOk("dpo", api.proceedToAccessReview(reference), Map.of("packageApproved", true,
        "outcomeSummary", summary));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED));
    assertThat(requests.findByReference(reference).orElseThrow().outcomeSummary()).isEqualTo(summary.strip());
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream()
        .anyMatch(m -> Mails.body(m).contains(summary.substring(0, 200))));
  }

  @Test
  void oneCharacterMoreThanAFormAllowsIsRefusedWith400AndTheMessage() {
    var reference = api.recordVerified(DsrApi.uniqueEmail(), today());
    var review = api.awaitTask(reference, "Task_ReviewRequest");

    var tooLong = api.complete("dpo", review, Map.of("decision", "refuse", "refusalReasons", "x".repeat(2001)));
    assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooLong.getBody()).contains("'Reasons for refusal' may have at most 2,000 characters; it has 2,001.");
    var noReasons = api.complete("dpo", review, Map.of("decision", "refuse"));
    assertThat(noReasons.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReasons.getBody()).contains("'Reasons for refusal' is required.");
    var noDecision = api.complete("dpo", review, Map.of());
    assertThat(noDecision.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noDecision.getBody()).contains("'Decision' is required.");
    var extension = api.complete("dpo", api.awaitTask(reference, "Task_ConsiderExtension"),
        Map.of("extensionReason", "x".repeat(1001)));
    assertThat(extension.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(extension.getBody()).contains("at most 1,000 characters");

    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference).count()).isEqualTo(2);
    assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
    assertThat(api.events(reference, "REVIEW_DECIDED")).isEmpty();
  }

  @Test
  void aDpoNoteLongerThan4000CharactersIsRefusedAndNothingIsSent() {
    var email = DsrApi.uniqueEmail();
    var reference = api.recordVerified(email, today());
    var carryOut = api.proceedToAccessReview(reference);

    var tooLong = api.complete("dpo", carryOut, Map.of("packageApproved", true, "outcomeSummary", "x".repeat(4001)));
    assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooLong.getBody()).contains("'A note from our DPO' may have at most 4,000 characters; it has 4,001.");

    assertThat(api.awaitTask(reference, "Task_ReviewAccessPackage").getId()).isEqualTo(carryOut.getId());
    assertThat(requests.findByReference(reference).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
    assertThat(api.events(reference, "RIGHT_CARRIED_OUT")).isEmpty();
  }

  @Test
  void anExtensionAfterTheFirstDeadlineIsRefusedAndNothingChanges() {
    var reference = api.recordVerified(DsrApi.uniqueEmail(), today());
    var task = api.awaitTask(reference, "Task_ConsiderExtension");
    // The first deadline passed while the task was still open (the timer that cancels it not yet run).
    transaction.executeWithoutResult(status -> {
      var request = requests.findByReference(reference).orElseThrow();
      var start = java.time.Instant.now().minus(Duration.ofDays(40));
      request.startClock(start, legalClock.firstDeadline(start));
    });
    var before = requests.findByReference(reference).orElseThrow();

    var response = api.complete("dpo", task, Map.of("extensionReason", "Data in 14 systems"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("can no longer be extended: the first deadline has passed");
    assertNothingChanged(reference, task.getId(), before);
  }

  @Test
  void aSecondExtensionIsRefusedAndNothingChanges() {
    var reference = api.recordVerified(DsrApi.uniqueEmail(), today());
    var task = api.awaitTask(reference, "Task_ConsiderExtension");
    transaction.executeWithoutResult(status -> {
      var request = requests.findByReference(reference).orElseThrow();
      request.extend(legalClock.extendedDeadline(request.clockStartedAt()), "An earlier extension");
    });
    var before = requests.findByReference(reference).orElseThrow();

    var response = api.complete("dpo", task, Map.of("extensionReason", "Data in 14 systems"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("was already extended once");
    assertNothingChanged(reference, task.getId(), before);
  }

  private void assertNothingChanged(String reference, String taskId, DataSubjectRequest before) {
    var after = requests.findByReference(reference).orElseThrow();
    assertThat(after.dueAt()).isEqualTo(before.dueAt());
    assertThat(after.extended()).isEqualTo(before.extended());
    assertThat(after.extensionReason()).isEqualTo(before.extensionReason());
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isOne();
    assertThat(api.events(reference, "EXTENSION_DECIDED")).isEmpty();
    assertThat(api.events(reference, "DEADLINE_EXTENDED")).isEmpty();
    var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
    assertThat(runtime.getVariable(instance, "extensionReason")).isNull();
  }

  private LocalDate today() {
    return LocalDate.now(legalClock.zone());
  }

  /** Words repeated up to exactly {@code length} characters, so that mail wrapping keeps them findable. */
  private static String longText(String words, int length) {
    var text = new StringBuilder();
    while (text.length() < length) {
      text.append(words);
    }
    return text.substring(0, length - 1) + ".";
  }
}
