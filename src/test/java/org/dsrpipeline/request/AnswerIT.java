package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.connector.CollectionOutcome;
import org.dsrpipeline.security.StatusLinks;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.support.Verification;
import org.dsrpipeline.workflow.DataSubjectRequestProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every right shares, end to end: who reviews (processes/who-reviews.dmn), the objection's scope,
 * the answer built from the stores' recorded outcomes, and the stores' progress on the status page.
 * The access right records no outcomes yet (its placeholder task stays until the next issue), so the
 * tests that read outcomes record them into dsr_store_outcome themselves.
 */
class AnswerIT extends IntegrationTest {

  private static final String TAX_LAW = "Accounting records are kept for 10 years under Greek tax and accounting law";

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired DataSubjectRequestRepository requests;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired StatusLinks links;

  DsrApi api;

  @BeforeEach
  void api() {
    api = new DsrApi(http, tasks);
    DsrApi.ensureUsers(identity);
  }

  @Test
  void anObjectionToDirectMarketingIsCarriedOutAtOnceWithoutTheDpoReview() {
    var email = DsrApi.uniqueEmail();
    var filed = http.exchange("/api/requests", HttpMethod.POST, json(Map.of("type", "OBJECTION", "email", email)),
        DsrApi.MAP);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    var reference = (String) filed.getBody().get("reference");

    assertThat(Verification.confirm(http, verificationLink(email)).getStatusCode()).isEqualTo(HttpStatus.OK);

    var main = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(DataSubjectRequestProcess.KEY).singleResult();
    var right = await().atMost(Duration.ofSeconds(20)).until(() -> runtime.createProcessInstanceQuery()
        .superProcessInstanceId(main.getId()).singleResult(), p -> p != null);
    assertThat(right.getProcessDefinitionId()).startsWith("Process_Objection:");
    assertThat(runtime.getVariable(right.getId(), DataSubjectRequestProcess.OBJECTION_SCOPE)).isEqualTo("MARKETING");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(main.getId())
        .activityId(DataSubjectRequestProcess.TASK_REVIEW_REQUEST).count()).isZero();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey(DataSubjectRequestProcess.TASK_REVIEW_REQUEST).count()).isZero();
    assertThat(api.events(reference, "REVIEW_NOT_NEEDED")).singleElement()
        .satisfies(e -> assertThat((String) e.get("outcome")).contains("who-reviews.dmn", "OBJECTION (MARKETING)"));
    assertThat(dpoView(reference)).containsEntry("objectionScope", "MARKETING");
  }

  @Test
  void anObjectionToOtherProcessingIsReviewedByTheDpoFirst() {
    var reference = recordVerified(Map.of("type", "OBJECTION", "scope", "PROCESSING"));

    assertThat(api.awaitTask(reference, DataSubjectRequestProcess.TASK_REVIEW_REQUEST)).isNotNull();
    assertThat(api.events(reference, "REVIEW_NOT_NEEDED")).isEmpty();
    assertThat(dpoView(reference)).containsEntry("objectionScope", "PROCESSING");
  }

  @Test
  void theDpoIsRefusedAScopeForAnotherRight() {
    var response = api.as("dpo").exchange("/api/dpo/requests", HttpMethod.POST, json(Map.of("type", "ACCESS",
        "email", DsrApi.uniqueEmail(), "channel", "POST", "receivedAt", today().toString(), "scope", "MARKETING")),
        DsrApi.MAP);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().toString()).contains("scope", "applies only to an OBJECTION request");
  }

  @Test
  void theAnswerSaysPerStoreAndCategoryWhatWasFoundDoneAndKeptWithTheDpoNote() {
    var email = DsrApi.uniqueEmail();
    var reference = recordVerified(Map.of("type", "ACCESS", "email", email));
    recordTheStoresWork(reference);

    api.completeOk("dpo", api.proceedToAccessReview(reference), Map.of("packageApproved", true,
        "outcomeSummary", "Please write to us if anything is missing."));

    var answer = Mails.body(completionMailTo(email));
    assertThat(answer).contains(
        "Accounts of the platform&#39;s customers (sign-up, credentials, billing)",
        "Identifiers, name, contact details, account credentials: 1 record found, 1 with your personal details removed",
        "Identifiers, financial data, contact details: 2 records found. 2 records are kept until 1 March 2034, because: "
            + TAX_LAW,
        "Logs of the campaign messages customers send through the platform (SMS, Viber, email)",
        "handled with the controller",
        "A note from our DPO", "Please write to us if anything is missing.")
        .doesNotContain(email);
    assertThat(api.events(reference, "COMPLETED")).singleElement().satisfies(e -> assertThat((String) e.get("outcome"))
        .contains("customer-accounts KEPT", "message-log WITH_CONTROLLER", "Note from the DPO"));
  }

  @Test
  void theStatusPageShowsEachStoresProgressWithoutPersonalData() {
    var email = DsrApi.uniqueEmail();
    var reference = recordVerified(Map.of("type", "ACCESS", "email", email));
    recordTheStoresWork(reference);
    var id = requests.findByReference(reference).orElseThrow().id();
    insertOutcome(id, "web-tracking", "ERASE", "FAILED", 0, 0, null, null);
    insertOutcome(id, "helpdesk", "ERASE", "PENDING", 0, 0, null, null);

    var response = http.exchange("/status/" + links.tokenFor(reference), HttpMethod.GET,
        accept(MediaType.APPLICATION_JSON), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    @SuppressWarnings("unchecked")
    var stores = (List<Map<String, Object>>) parse(response.getBody()).get("stores");
    assertThat(stores).extracting(s -> s.get("progress"))
        .containsExactly("KEPT", "WITH_CONTROLLER", "DONE", "RETRYING", "PENDING");
    assertThat(stores.get(0)).containsEntry("keptUntil", "1 March 2034")
        .containsEntry("description", "Accounts of the platform's customers (sign-up, credentials, billing)");
    assertThat(response.getBody()).doesNotContain(email, "@");

    var page = http.exchange("/status/" + links.tokenFor(reference) + "?lang=el", HttpMethod.GET,
        accept(MediaType.TEXT_HTML), String.class).getBody();
    assertThat(page).contains("Πρόοδος στα συστήματά μας", "διεκπεραιώνεται με τον υπεύθυνο επεξεργασίας",
        "καθυστερεί λόγω τεχνικού προβλήματος", "σε εκκρεμότητα").doesNotContain(email);
  }

  private void recordTheStoresWork(String reference) {
    var id = requests.findByReference(reference).orElseThrow().id();
    var customer = new CollectionOutcome("customer", 1, 0, 1, 1, 0, 0, 0, null, null, null, null);
    var invoices = new CollectionOutcome("invoice", 2, 0, 0, 0, 2, 0, 0, TAX_LAW,
        Instant.parse("2034-03-01T00:00:00Z"), null, null);
    insertOutcome(id, "customer-accounts", "ERASE", "OK", 3, 2, Instant.parse("2034-03-01T00:00:00Z"),
        List.of(customer, invoices));
    insertOutcome(id, "message-log", "FIND", "OK", 3, 0, null,
        List.of(CollectionOutcome.found("message_log", 3, Map.of("1", 3L))));
    insertOutcome(id, "marketing", "SUPPRESS_MARKETING", "OK", 1, 0, null,
        List.of(new CollectionOutcome("newsletter_subscription", 1, 0, 0, 0, 0, 0, 1, null, null, null, null)));
  }

  private void insertOutcome(long requestId, String store, String operation, String status, long found, long kept,
      Instant keptUntil, List<CollectionOutcome> collections) {
    try {
      var now = Timestamp.from(Instant.now());
      jdbc.update("insert into dsr_store_outcome (request_id, store_name, operation, status, found, changed, kept, "
          + "kept_until, collections, attempts, first_run_at, last_run_at, done_at) "
          + "values (?, ?, ?, ?, ?, 0, ?, ?, ?, 1, ?, ?, ?)", requestId, store, operation, status, found, kept,
          keptUntil == null ? null : Timestamp.from(keptUntil),
          collections == null ? null : json.writeValueAsString(collections), now, now, "OK".equals(status) ? now : null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String recordVerified(Map<String, Object> fields) {
    var body = new HashMap<String, Object>(Map.of("email", DsrApi.uniqueEmail(), "channel", "POST",
        "receivedAt", today().toString(), "identityVerified", true));
    body.putAll(fields);
    var response = api.as("dpo").exchange("/api/dpo/requests", HttpMethod.POST, json(body), DsrApi.MAP);
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

  private Map<String, Object> dpoView(String reference) {
    var response = api.as("dpo").exchange("/api/dpo/requests/" + reference, HttpMethod.GET, null, DsrApi.MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private static MimeMessage completionMailTo(String email) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).stream()
        .filter(m -> Mails.subject(m).contains("has been completed")
            || Mails.subject(m).contains("ολοκληρώθηκε")).findFirst().orElse(null), m -> m != null);
  }

  private static String verificationLink(String email) {
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream()
        .anyMatch(m -> Mails.body(m).contains("/verify/")));
    return Mails.linkPath(mailsTo(email).stream().filter(m -> Mails.body(m).contains("/verify/")).findFirst()
        .orElseThrow(), "/verify/");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> parse(String body) {
    try {
      return json.readValue(body, Map.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpEntity<Void> accept(MediaType type) {
    var headers = new HttpHeaders();
    headers.setAccept(List.of(type));
    return new HttpEntity<>(headers);
  }

  private static LocalDate today() {
    return LocalDate.now(ZoneId.of("Europe/Athens"));
  }
}
