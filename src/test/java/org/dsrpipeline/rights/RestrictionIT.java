package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.workflow.RestrictionProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Restriction (Art. 18) end to end on the demo stores: filed and confirmed by the requester, reviewed and later
 * lifted by the DPO through the engine API with the forms' variables, the stores read directly.
 */
class RestrictionIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired DataSubjectRequestRepository requests;

  private DemoStoreRows stores;

  @BeforeEach
  void storesAndDpoUsers() {
    stores = new DemoStoreRows();
    DsrApi.ensureUsers(identity);
  }

  @org.junit.jupiter.api.AfterEach
  void closeHelpdeskAndCrm() {
    stores.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSubjectIsRestrictedInEveryStoreUntilTheDpoLiftsItAfterTellingTheRequester() {
    var subject = stores.subject("exists (select 1 from demo_crm.contact k where k.email = c.email and not k.unsubscribed and not k.restricted) "
        + "and exists (select 1 from marketing.newsletter_subscription n where n.email = c.email) "
        + "and exists (select 1 from messaging.message_log m where m.recipient_phone = c.phone and not m.restricted)");
    var before = stores.snapshot();
    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));

    var reference = flow.fileAndConfirm(Map.of("type", "RESTRICTION", "email", subject.email(), "language", "en"));
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));
    flow.answerManualAction(reference, "RESTRICT");
    // the campaign messages are held as processor: one sender instructs us, the others handle it themselves
    var links = controllerLinks(http, reference);
    assertThat(links).isNotEmpty();
    var instructing = links.keySet().iterator().next();
    links.forEach((controller, link) -> assertThat(http.exchange("/api" + link, HttpMethod.POST, json(Map.of(
        "answer", controller.equals(instructing) ? "CARRY_OUT" : "HANDLED_BY_CONTROLLER")), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK));

    flow.awaitMail("has been completed");
    assertMessagesRestricted(subject, instructing, true);
    assertRestricted(subject, true);
    stores.othersUnchanged(before, subject);
    assertThat(requests.findByReference(reference).orElseThrow().restricted()).isTrue();
    assertThat(flow.statusPage(reference)).containsEntry("status", "COMPLETED").containsEntry("restricted", true);
    assertThat((List<String>) flow.statusPage(reference).get("recipients")).as("Art. 19: the recipients of the "
        + "restricted customer account are listed").anyMatch(line -> line.contains("Company branches abroad")
            && line.contains("restrict"));
    assertThat(flow.api().events(reference, "RECIPIENT_NOTIFIED")).isNotEmpty()
        .allSatisfy(e -> assertThat((String) e.get("outcome")).contains("notified to restrict"));
    assertThat((Map<String, Object>) flow.dpoView(reference).get("restriction")).containsEntry("restricted", true);
    assertThat(outcomes(flow, reference, "RESTRICT")).filteredOn(o -> !o.startsWith("message-log "))
        .containsExactlyInAnyOrder("customer-accounts OK", "marketing OK", "web-tracking OK", "helpdesk OK", "crm OK",
        "paper-archive OK");
    assertThat(flow.storeOutcomes(reference)).filteredOn(o -> "RESTRICT".equals(o.get("operation"))
        && "message-log".equals(o.get("store"))).extracting(o -> o.get("controller") + " " + o.get("status"))
        .contains(instructing + " OK").hasSize(links.size())
        .allMatch(part -> part.startsWith(instructing + " ") || part.endsWith(" HANDLED_WITH_CONTROLLER"));

    var lift = flow.api().awaitTask(reference, RestrictionProcess.TASK_LIFT_RESTRICTION);
    assertThat(flow.api().complete(DsrApi.SECOND_DPO, lift, Map.of()).getStatusCode().value()).isEqualTo(400);
    flow.api().completeOk(DsrApi.SECOND_DPO, lift, Map.of("liftReason", "The accuracy of the data was verified"));

    var notice = flow.awaitMail("will be lifted");
    assertThat((String) flow.statusPage(reference).get("restrictionNotice")).contains("will be lifted on");
    assertThat(org.dsrpipeline.support.Mails.body(notice)).contains("The accuracy of the data was verified");
    var held = runtime.createProcessInstanceQuery().processDefinitionKey(RestrictionProcess.HELD_KEY)
        .processInstanceBusinessKey(reference).singleResult();
    org.camunda.bpm.engine.runtime.Job timer = await().atMost(Duration.ofSeconds(20)).until(() -> management
        .createJobQuery().processInstanceId(held.getId()).activityId(RestrictionProcess.TIMER_LIFT_NOTICE_ENDS)
        .singleResult(), job -> job != null);
    assertThat(timer.getDuedate().toInstant()).isAfter(java.time.Instant.now().plus(Duration.ofDays(6)));
    assertRestricted(subject, true);
    management.executeJob(timer.getId());
    flow.answerManualAction(reference, "UNRESTRICT");

    flow.awaitMail("was lifted");
    assertRestricted(subject, false);
    assertMessagesRestricted(subject, instructing, false);
    stores.othersUnchanged(before, subject);
    assertThat(requests.findByReference(reference).orElseThrow().restricted()).isFalse();
    assertThat(outcomes(flow, reference, "UNRESTRICT")).containsExactlyInAnyOrder("customer-accounts OK",
        "message-log OK", "marketing OK", "web-tracking OK", "helpdesk OK", "crm OK", "paper-archive OK");
    assertThat(flow.statusPage(reference)).containsEntry("restricted", false);
    assertThat(flow.api().events(reference, "RESTRICTION_LIFT_DECIDED")).singleElement()
        .satisfies(e -> assertThat(e.get("actor")).isEqualTo(DsrApi.SECOND_DPO));
    assertThat(flow.api().events(reference, "RESTRICTION_LIFTED")).singleElement()
        .satisfies(e -> assertThat(e.get("actor")).isEqualTo(DsrApi.SECOND_DPO));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(RestrictionProcess.HELD_KEY).count()).isZero();
    assertThat(new RightsHistory(history).variableValues(reference)).isNotEmpty()
        .noneMatch(v -> v.contains(subject.email()) || v.contains(subject.phone().substring(3)));
  }

  private static java.util.List<String> outcomes(RightsFlow flow, String reference, String operation) {
    return flow.storeOutcomes(reference).stream().filter(o -> operation.equals(o.get("operation")))
        .map(o -> o.get("store") + " " + o.get("status")).toList();
  }

  /** The subject's campaign messages: restricted (or not) where {@code instructing} sent them, never the others'. */
  private void assertMessagesRestricted(DemoStoreRows.Subject subject, String instructing, boolean restricted) {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stores.rowsOf("messaging.message_log",
        subject)).isNotEmpty().allSatisfy(row -> assertThat(row.get("restricted")).as("message " + row.get("id"))
        .isEqualTo(restricted && instructing.equals(String.valueOf(row.get("sender_customer_id"))))));
  }

  /** Every row of the subject in the controller stores is restricted (or not); the message log is never touched. */
  private void assertRestricted(DemoStoreRows.Subject subject, boolean restricted) {
    for (var table : DemoStoreRows.TABLES) {
      if (table.equals("messaging.message_log")) {
        continue;
      }
      var rows = stores.rowsOf(table, subject);
      if (table.equals("accounts.customer") || table.equals(DemoStoreRows.CRM)
          || table.equals("marketing.newsletter_subscription")) {
        assertThat(rows).as(table).isNotEmpty();
      }
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stores.rowsOf(table, subject))
          .as(table + " restricted = " + restricted).allSatisfy(row -> assertThat(table.equals("tracking.tracking_event")
              ? String.valueOf(row.get("labels")).contains("restricted") : row.get("restricted")).isEqualTo(restricted)));
    }
  }
}
