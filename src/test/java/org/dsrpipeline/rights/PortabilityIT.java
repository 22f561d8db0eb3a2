package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.workflow.PackageProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

/** Portability from POST /api/requests to the download: data.json and one CSV per consent or contract collection. */
class PortabilityIT extends IntegrationTest {

  private static final Pattern NONCE = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"");

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

  @AfterEach
  void closeHelpdeskAndCrm() {
    stores.close();
  }

  @Test
  void theIntakeRefusesADestinationThatIsNotHttpsOrNotForPortability() {
    var plain = http.postForEntity("/api/requests", DsrApi.json(Map.of("type", "PORTABILITY", "email",
        DsrApi.uniqueEmail(), "transmitTo", "http://other.example/import")), String.class);
    assertThat(plain.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(plain.getBody()).contains("transmitTo", "must be an https URL");
    var access = http.postForEntity("/api/requests", DsrApi.json(Map.of("type", "ACCESS", "email",
        DsrApi.uniqueEmail(), "transmitTo", "https://other.example/import")), String.class);
    assertThat(access.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(access.getBody()).contains("applies only to a PORTABILITY request");
  }

  @Test
  void anApprovedDestinationReceivesTheZipOnceAndTheOutcomeIsRecorded() throws Exception {
    var subject = AccessIT.subject(stores, "exists (select 1 from marketing.newsletter_subscription n where n.email = c.email)");
    try (var other = OtherController.start()) {
      var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));
      var body = Map.<String, Object>of("type", "PORTABILITY", "email", subject.email(), "transmitTo", other.url());
      var filed = http.postForEntity("/api/requests", DsrApi.json(body), String.class);
      assertThat(filed.getStatusCode()).as(filed.getBody()).isEqualTo(HttpStatus.CREATED);
      var reference = new com.fasterxml.jackson.databind.ObjectMapper().readTree(filed.getBody()).get("reference")
          .asText();
      flow.confirm(reference);
      flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"),
          Map.of("decision", "proceed"));
      flow.answerManualAction(reference, "EXPORT");
      var review = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> tasks
          .createTaskQuery().processInstanceBusinessKey(reference)
          .taskDefinitionKey(PackageProcess.TASK_REVIEW_PORTABILITY_PACKAGE).singleResult(), java.util.Objects::nonNull);
      assertThat(flow.api().as("dpo").getForEntity("/dpo/requests/" + reference + "/portability-package",
          String.class).getBody()).contains(other.url(), "REQUESTED");
      flow.api().completeOk("dpo", review, Map.of(PackageProcess.PACKAGE_APPROVED, true,
          PackageProcess.TRANSMIT_APPROVED, true));

      flow.awaitMail("has been completed");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(flow.api().events(reference, "PACKAGE_TRANSMITTED")).hasSize(1));
      assertThat(other.received()).hasSize(1);
      var zip = AccessIT.unzip(other.received().get(0));
      assertThat(zip).containsKeys("data.json", "marketing/newsletter_subscription.csv");
      assertThat(zip.get("data.json")).contains(subject.email());
      assertThat(flow.api().events(reference, "PACKAGE_TRANSMISSION_DECIDED")).singleElement()
          .satisfies(e -> assertThat(e.get("actor")).isEqualTo("dpo"));
      assertThat(new RightsHistory(history).variableValues(reference))
          .noneMatch(v -> v.contains(subject.email()) || v.contains(other.url()));
    }
  }

  @Test
  void theSubjectGetsTheConsentAndContractDataAsJsonAndCsvAndNothingElse() throws IOException {
    var subject = AccessIT.subject(stores, "exists (select 1 from accounts.invoice i where i.customer_id = c.id) "
        + "and exists (select 1 from marketing.marketing_preference p where p.customer_id = c.id)");
    stores.saas.tickets.add("requester_email", subject.email(), "requester_name", "Helpdesk copy", "requester_phone",
        null, "subject", "Credits", "body", "A ticket kept on legitimate interests", "created_at",
        "2026-01-05T10:00:00Z", "restricted", false);
    var before = stores.snapshot();
    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));

    var reference = flow.fileAndConfirm(Map.of("type", "PORTABILITY", "email", subject.email(), "language", "en"));
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));
    flow.answerManualAction(reference, "EXPORT");
    var review = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> tasks
        .createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey(PackageProcess.TASK_REVIEW_PORTABILITY_PACKAGE).singleResult(), java.util.Objects::nonNull);
    assertThat(tasks.getVariable(review.getId(), PackageProcess.PACKAGE_PATH))
        .isEqualTo("/dpo/requests/" + reference + "/portability-package");
    assertThat(flow.api().as("dpo").getForEntity("/dpo/requests/" + reference + "/portability-package", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    flow.api().completeOk("dpo", review, Map.of(PackageProcess.PACKAGE_APPROVED, true));

    var link = Mails.linkPath(flow.awaitMail("has been completed"), "/download/");
    var page = http.getForEntity(link, String.class).getBody();
    var matcher = NONCE.matcher(page);
    assertThat(matcher.find()).isTrue();
    var form = new LinkedMultiValueMap<String, String>();
    form.add("email", subject.email());
    form.add("nonce", matcher.group(1));
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    var download = http.exchange(link, HttpMethod.POST, new HttpEntity<>(form, headers), byte[].class);
    assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);

    var zip = AccessIT.unzip(download.getBody());
    assertThat(zip).containsKeys("data.json", "customer-accounts/customer.csv", "marketing/marketing_preference.csv")
        .doesNotContainKeys("report.html", "customer-accounts/invoice.csv", "helpdesk/tickets.csv", "crm/contacts.csv");
    assertThat(zip.keySet()).allMatch(name -> name.equals("data.json") || name.endsWith(".csv"));
    var customer = zip.get("customer-accounts/customer.csv").split("\r\n");
    assertThat(customer[0]).startsWith("id,full_name,email,phone");
    assertThat(customer).hasSize(2);
    assertThat(customer[1]).startsWith(subject.customerId() + ",").contains(subject.email());
    assertThat(zip.get("data.json")).contains(subject.email(), "\"marketing_preference\"")
        .doesNotContain("\"invoice\"", "\"tickets\"", "A ticket kept on legitimate interests");
    for (var other : stores.stores.queryForList("select email from accounts.customer where id <> ? and email is not "
        + "null", String.class, subject.customerId())) {
      zip.values().forEach(file -> assertThat(file).as("another customer's email").doesNotContain(other + ","));
    }
    stores.othersUnchanged(before, subject);
    assertThat(flow.api().events(reference, "PACKAGE_DOWNLOADED")).hasSize(1);
    assertThat(new RightsHistory(history).variableValues(reference)).isNotEmpty()
        .noneMatch(v -> v.contains(subject.email()) || v.contains(subject.phone().substring(3)));
  }
}
