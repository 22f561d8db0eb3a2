package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** Objections (to direct marketing, to processing on legitimate interests, a withdrawal of consent) end to end on the demo stores. */
class ObjectionIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired org.camunda.bpm.engine.HistoryService history;
  @Autowired IdentityService identity;

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
  void marketingIsSuppressedInEveryMarketingStoreAndNothingElseChanges() {
    var subject = stores.subject("exists (select 1 from demo_crm.contact k where k.email = c.email and not k.unsubscribed and not k.restricted) "
        + "and exists (select 1 from marketing.newsletter_subscription n where n.email = c.email) "
        + "and exists (select 1 from marketing.marketing_preference p where p.customer_id = c.id and p.consent)");
    var before = stores.snapshot();
    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));

    var reference = flow.fileAndConfirm(Map.of("type", "OBJECTION", "email", subject.email(), "language", "el"));
    flow.answerManualAction(reference, "SUPPRESS_MARKETING");

    flow.awaitMail("ολοκληρώθηκε");
    assertThat(stores.rowsOf("marketing.newsletter_subscription", subject)).isNotEmpty()
        .allSatisfy(row -> assertThat(row.get("opted_out")).isEqualTo(true));
    assertThat(stores.rowsOf("marketing.marketing_preference", subject)).isNotEmpty()
        .allSatisfy(row -> assertThat(row.get("consent")).isEqualTo(false));
    assertThat(stores.rowsOf(DemoStoreRows.CRM, subject)).isNotEmpty()
        .allSatisfy(row -> assertThat(row.get("unsubscribed")).isEqualTo(true));
    assertThat(stores.rowsOf("accounts.customer", subject)).allSatisfy(row ->
        assertThat(row.get("restricted")).isEqualTo(false));
    stores.othersUnchanged(before, subject);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey("Task_ReviewRequest").count()).as("acted on at once, no review (Art. 21(3))").isZero();
    assertThat(flow.storeOutcomes(reference)).extracting(o -> o.get("operation") + " " + o.get("store") + " "
        + o.get("status")).containsExactlyInAnyOrder("SUPPRESS_MARKETING marketing OK", "SUPPRESS_MARKETING crm OK",
        "SUPPRESS_MARKETING paper-archive OK");
    assertThat(new RightsHistory(history).variableValues(reference)).isNotEmpty()
        .noneMatch(v -> v.contains(subject.email()) || v.contains(subject.phone().substring(3)));
  }

  @Test
  void anObjectionToProcessingWithoutCompellingGroundsRestrictsTheStoresOnLegitimateInterests() {
    var subject = stores.subject("exists (select 1 from demo_crm.contact k where k.email = c.email and not k.restricted)");
    var before = stores.snapshot();
    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));

    var reference = flow.fileAndConfirm(Map.of("type", "OBJECTION", "scope", "PROCESSING", "email", subject.email(),
        "language", "en"));
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_WeighObjection"),
        Map.of("compellingGrounds", false));

    flow.awaitMail("has been completed");
    assertThat(stores.rowsOf(DemoStoreRows.CRM, subject)).isNotEmpty()
        .allSatisfy(row -> assertThat(row.get("restricted")).isEqualTo(true));
    assertThat(flow.storeOutcomes(reference)).extracting(o -> o.get("operation") + " " + o.get("status"))
        .contains("RESTRICT OK").noneMatch(o -> o.startsWith("SUPPRESS_MARKETING"));
    assertThat(flow.api().auditTrail(reference)).extracting(e -> e.get("action")).contains("REVIEW_DECIDED");
    assertThat(flow.api().events(reference, "RECIPIENT_NOTIFIED")).as("Art. 19: the CRM provider is told")
        .anyMatch(e -> ((String) e.get("outcome")).contains("CRM provider"));
    stores.othersUnchanged(before, subject);
  }
  @Test
  void aWithdrawnConsentSuppressesMarketingAndRestrictsOnlyTheDataProcessedOnConsent() {
    var subject = stores.subject("exists (select 1 from tracking.tracking_event t where t.customer_id = c.id) "
        + "and exists (select 1 from marketing.newsletter_subscription n where n.email = c.email) "
        + "and exists (select 1 from demo_crm.contact k where k.email = c.email and not k.restricted)");
    var before = stores.snapshot();
    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));

    var reference = flow.fileAndConfirm(Map.of("type", "OBJECTION", "scope", "CONSENT", "email", subject.email(),
        "language", "en"));
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));
    flow.answerManualAction(reference, "SUPPRESS_MARKETING");

    flow.awaitMail("has been completed");
    assertThat(stores.rowsOf("marketing.newsletter_subscription", subject)).isNotEmpty()
        .allSatisfy(row -> assertThat(row).containsEntry("opted_out", true).containsEntry("restricted", true));
    assertThat(stores.rowsOf("tracking.tracking_event", subject)).isNotEmpty()
        .allSatisfy(row -> assertThat((String) row.get("labels")).contains("restricted"));
    assertThat(stores.rowsOf(DemoStoreRows.CRM, subject)).as("legitimate interests: unsubscribed, not restricted")
        .isNotEmpty().allSatisfy(row -> assertThat(row).containsEntry("unsubscribed", true)
            .containsEntry("restricted", false));
    assertThat(stores.rowsOf("accounts.customer", subject)).as("contract: untouched")
        .allSatisfy(row -> assertThat(row.get("restricted")).isEqualTo(false));
    assertThat(flow.storeOutcomes(reference)).extracting(o -> o.get("operation") + " " + o.get("store") + " "
        + o.get("status")).contains("RESTRICT marketing OK", "RESTRICT web-tracking OK")
        .noneMatch(o -> o.startsWith("RESTRICT customer-accounts") || o.startsWith("RESTRICT crm"));
    assertThat(flow.api().auditTrail(reference)).extracting(e -> e.get("action"))
        .contains("CONSENT_WITHDRAWAL_PLANNED");
    stores.othersUnchanged(before, subject);
    assertThat(new RightsHistory(history).variableValues(reference)).isNotEmpty()
        .noneMatch(v -> v.contains(subject.email()) || v.contains(subject.phone().substring(3)));
  }
}
