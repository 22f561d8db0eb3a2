package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.rights.rectification.Rectifications;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.FakeSmsGateway;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.workflow.RectificationProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * A rectification end to end on the demo stores: filed with corrections, confirmed by the emailed link, the DPO
 * deciding each correction on the corrections page and through the DPO API, the task completed over the engine
 * REST API with exactly the form's variable, the final email; only the subject's corrected fields changed.
 */
class RectificationIT extends IntegrationTest {

  private static final String NEW_NAME = "Eleni Diorthomeni-Testaki";
  private static final String NEW_COMPANY = "Nea Etaireia Diorthoseon AE";

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate app;
  @Autowired Rectifications rectifications;

  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
  private static FakeSmsGateway gateway;

  private DemoStoreRows stores;

  @BeforeAll
  static void startSmsGateway() {
    gateway = FakeSmsGateway.start();
  }

  @AfterAll
  static void stopSmsGateway() {
    gateway.close();
  }

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
  void eachCorrectionIsDecidedByTheDpoAndTheAcceptedOnesAreMadeInEveryStoreHoldingTheField() {
    var subject = subjectWithACrmContact();
    var newPhone = "+30 699 " + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000L));
    var newPhoneE164 = newPhone.replace(" ", "");
    var before = stores.snapshot();
    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));

    var corrections = List.of(
        Map.of("field", "full_name", "value", NEW_NAME),
        Map.of("field", "customer.company", "value", NEW_COMPANY),
        Map.of("field", "phone", "value", newPhone),
        Map.of("field", "shoe_size", "value", "44"),
        Map.of("field", "id", "value", "1"));
    var reference = flow.fileAndConfirm(Map.of("type", "RECTIFICATION", "email", subject.email(), "language", "en",
        "corrections", corrections));
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));
    var review = flow.api().awaitTask(reference, RectificationProcess.TASK_REVIEW_CORRECTIONS);
    var path = "/dpo/requests/" + reference + "/corrections";
    assertThat(tasks.getVariable(review.getId(), RectificationProcess.CORRECTIONS_PATH)).isEqualTo(path);
    assertThat(tasks.getVariable(review.getId(), RectificationProcess.CORRECTIONS_TO_REVIEW)).isEqualTo(3);

    var refused = flow.api().complete("dpo", review, Map.of(RectificationProcess.CORRECTIONS_REVIEWED, true));
    assertThat(refused.getStatusCode()).as("undecided corrections").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("Decide every correction", "1, 2, 3");

    // the page: the values, a form per correction with a CSRF token
    var page = flow.api().as("dpo").getForEntity(path, String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains(NEW_NAME, "customer-accounts.customer.full_name", "crm.contacts.full_name",
        "NOT_HELD", "NOT_CORRECTABLE", "explicitly approve");
    var token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.getBody());
    assertThat(token.find()).as("the page's forms carry a CSRF token").isTrue();
    var session = page.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";", 2)[0];
    assertThat(flow.api().as("dpo").postForEntity(path + "/1", form("decision=accept", null, null), String.class)
        .getStatusCode()).as("no CSRF token").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.postForEntity(path + "/1", form("decision=accept", token.group(1), session), String.class)
        .getStatusCode()).as("no DPO").isEqualTo(HttpStatus.UNAUTHORIZED);

    var accepted = flow.api().as("dpo").postForEntity(path + "/1", form("decision=accept", token.group(1), session),
        String.class);
    assertThat(accepted.getStatusCode()).as(accepted.getBody()).isIn(HttpStatus.OK, HttpStatus.FOUND);
    var noReason = flow.api().as("dpo").postForEntity(path + "/2", form("decision=reject&reason=+", token.group(1),
        session), String.class);
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody()).contains("A rejection needs a reason");
    var rejected = flow.api().as(DsrApi.SECOND_DPO).postForEntity(path + "/2", form(
        "decision=reject&reason=Our+contract+names+the+company+you+signed+for", token.group(1), session), String.class);
    assertThat(rejected.getStatusCode()).as(rejected.getBody()).isIn(HttpStatus.OK, HttpStatus.FOUND);

    // the JSON twin: an identity needs the explicit approval and the proof
    var api = "/api/dpo/requests/" + reference + "/corrections";
    var unapproved = flow.api().as("dpo").exchange(api + "/3", HttpMethod.POST, DsrApi.json(Map.of("decision",
        "accept")), String.class);
    assertThat(unapproved.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unapproved.getBody()).contains("explicit approval");
    var notHeld = flow.api().as("dpo").exchange(api + "/4", HttpMethod.POST, DsrApi.json(Map.of("decision",
        "accept")), String.class);
    assertThat(notHeld.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // the new phone proven like a new identity: a one-time code texted to it, sent back by the requester
    assertThat(flow.api().as("dpo").exchange(api + "/1/code", HttpMethod.POST, DsrApi.json(Map.of()), String.class)
        .getStatusCode()).as("a code only for an email or phone").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(flow.api().as("dpo").exchange(api + "/3/code", HttpMethod.POST, DsrApi.json(Map.of()), DsrApi.MAP)
        .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(flow.api().as("dpo").exchange(api + "/3/code", HttpMethod.POST, DsrApi.json(Map.of()), String.class)
        .getStatusCode()).as("one code a minute").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    var text = await().atMost(Duration.ofSeconds(20)).until(() -> gateway.acceptedTo(newPhoneE164), t -> !t.isEmpty())
        .get(0).text();
    var code = CODE.matcher(text).results().map(m -> m.group(1)).findFirst().orElseThrow();
    var wrong = flow.api().as("dpo").exchange(api + "/3", HttpMethod.POST, DsrApi.json(Map.of("decision", "accept",
        "identityApproved", true, "code", code.equals("000000") ? "111111" : "000000")), String.class);
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(wrong.getBody()).contains("not right", "tries left");
    var approved = flow.api().as("dpo").exchange(api + "/3", HttpMethod.POST, DsrApi.json(Map.of("decision",
        "accept", "identityApproved", true, "code", code)), DsrApi.MAP);
    assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
    @SuppressWarnings("unchecked")
    var phoneDecision = ((List<Map<String, Object>>) approved.getBody().get("corrections")).get(2);
    assertThat(phoneDecision.get("identityApproved")).isEqualTo(true);
    assertThat((String) phoneDecision.get("identityProof")).contains("one-time code texted to the new phone");
    assertThat(app.queryForMap("select c.wrong_tries, c.status from dsr_phone_code c join dsr_request r on r.id = "
        + "c.request_id where r.reference = ? and c.phone = ?", reference, newPhoneE164))
        .as("the wrong try counted, the right one used the code").containsEntry("wrong_tries", 1)
        .containsEntry("status", "USED");
    assertThat(flow.api().events(reference, "PHONE_PROVEN")).extracting(e -> (String) e.get("outcome"))
        .anyMatch(o -> o.startsWith("The new phone of correction 3 was proven by one-time code"));
    assertThat(approved.getBody().get("undecided")).isEqualTo(0);
    @SuppressWarnings("unchecked")
    var decisions = ((List<Map<String, Object>>) approved.getBody().get("corrections")).stream()
        .map(c -> c.get("index") + " " + c.get("decision") + " " + c.get("decidedBy")).toList();
    assertThat(decisions).containsExactly("1 ACCEPTED dpo", "2 REJECTED " + DsrApi.SECOND_DPO, "3 ACCEPTED dpo",
        "4 NOT_HELD system", "5 NOT_CORRECTABLE system");

    flow.api().completeOk("dpo", review, Map.of(RectificationProcess.CORRECTIONS_REVIEWED, true));

    var answer = flow.awaitMail("has been completed");
    var body = Mails.body(answer).replace("&quot;", "\"").replace("&#39;", "'");
    assertThat(body).contains("Correction 1 (\"full_name\") was made in: Accounts of the platform's customers")
        .contains("Correction 2 (\"company\") was not made, because: Our contract names the company you signed for")
        .contains("Correction 3 (\"phone\") was made in:")
        .contains("Correction 4: we hold no data under the field you named")
        .contains("Correction 5 (\"id\") cannot be made through a request")
        .doesNotContain(NEW_NAME, NEW_COMPANY, newPhoneE164, newPhone, "shoe_size");

    // the stores: only the subject's corrected fields changed
    var customer = stores.rowsOf("accounts.customer", subject);
    assertThat(customer).singleElement().satisfies(row -> {
      assertThat(row.get("full_name")).isEqualTo(NEW_NAME);
      assertThat(row.get("phone")).isEqualTo(newPhoneE164);
    });
    var contacts = stores.rowsOf(DemoStoreRows.CRM, subject);
    assertThat(contacts).isNotEmpty().allSatisfy(row -> {
      assertThat(row.get("full_name")).isEqualTo(NEW_NAME);
      assertThat(row.get("phone")).isEqualTo(newPhoneE164);
    });
    subjectsRowsUnchangedBut(before, subject, Set.of("full_name", "phone"));
    stores.othersUnchanged(before, subject);
    assertThat(flow.storeOutcomes(reference)).extracting(o -> o.get("operation") + " " + o.get("store") + " "
        + o.get("status")).containsExactlyInAnyOrder("RECTIFY customer-accounts OK", "RECTIFY crm OK");
    assertThat(rectifications.apply(reference, "crm").alreadyDone()).as("a retried step changes nothing").isTrue();

    // Art. 19: the recipients of the corrected stores, told the accepted corrections only
    var recipients = flow.api().as("dpo").exchange("/api/dpo/requests/" + reference + "/recipients", HttpMethod.GET,
        null, DsrApi.LIST).getBody();
    assertThat(recipients).extracting(r -> r.get("recipient") + " " + r.get("status")).containsExactlyInAnyOrder(
        "Hosting provider NOT_NOTIFIED", "Company branches abroad NOTIFIED", "CRM provider NOTIFIED");
    var notice = await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo("privacy@crm.example").stream()
        .filter(m -> Mails.subject(m).contains(reference)).toList(), l -> !l.isEmpty()).get(0);
    assertThat(Mails.body(notice)).as("the email names no subject and no value").doesNotContain(subject.email(),
        NEW_NAME, newPhoneE164);
    var shown = http.getForEntity(Mails.linkPath(notice, "/recipient/"), String.class);
    assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(shown.getBody()).contains("crm.contacts.full_name: " + NEW_NAME, "crm.contacts.phone: " + newPhone)
        .doesNotContain(NEW_COMPANY, "shoe_size", "customer-accounts.customer.full_name");

    // the evidence: each decision, never a value
    var decided = flow.api().events(reference, "CORRECTION_DECIDED");
    assertThat(decided).extracting(e -> e.get("actor") + ": " + e.get("outcome")).anyMatch(
        o -> o.startsWith("dpo: Correction 3 (field phone): ACCEPTED") && o.contains("proof recorded"))
        .anyMatch(o -> o.startsWith(DsrApi.SECOND_DPO + ": Correction 2 (field customer.company): REJECTED"))
        .anyMatch(o -> o.startsWith("system: Correction 4 (a field no store holds): NOT_HELD"));
    assertThat(flow.api().events(reference, "CORRECTIONS_REVIEWED")).singleElement()
        .satisfies(e -> assertThat(e.get("actor")).isEqualTo("dpo"));
    assertThat(flow.api().auditTrail(reference)).extracting(e -> String.valueOf(e.get("outcome")))
        .noneMatch(o -> o.contains(NEW_NAME) || o.contains(NEW_COMPANY) || o.contains(newPhoneE164));

    // the status page, and what is left of it in the engine's history
    @SuppressWarnings("unchecked")
    var lines = (List<String>) flow.statusPage(reference).get("corrections");
    assertThat(lines).hasSize(5).first().asString().startsWith("Correction 1 (\"full_name\") was made in: "
        + "Accounts of the platform's customers");
    assertThat(lines.get(1)).isEqualTo("Correction 2 (\"company\") was not made; our answer by email says why.");
    var headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.TEXT_HTML));
    var html = http.exchange(Mails.linkPath(answer, "/status/"), HttpMethod.GET, new HttpEntity<>(headers),
        String.class).getBody();
    assertThat(html).contains("Your corrections", "Correction 4: we hold no data under the field you named")
        .doesNotContain(NEW_NAME, NEW_COMPANY, newPhoneE164, "shoe_size", "Our contract names");
    var late = flow.api().as("dpo").exchange(api + "/2", HttpMethod.POST, DsrApi.json(Map.of("decision", "accept")),
        String.class);
    assertThat(late.getStatusCode()).as("decisions are final once reviewed").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(new RightsHistory(history).variableValues(reference)).isNotEmpty().noneMatch(v -> v.contains(
        subject.email()) || v.contains(subject.phone().substring(3)) || v.contains(NEW_NAME) || v.contains(NEW_COMPANY)
        || v.contains(newPhoneE164.substring(3)));
    assertThat(historyColumnsNaming(subject.email(), subject.phone().replace("+", ""), newPhoneE164.replace("+", ""),
        NEW_NAME, NEW_COMPANY)).as("history and runtime columns naming the subject or the corrected values").isEmpty();
  }

  @Test
  void aCorrectionOfAFieldNoStoreHoldsIsReportedAndTheRequestAnsweredWithoutATaskOrAStoreChange() {
    var subject = stores.subject("c.phone is not null and c.full_name is not null and c.full_name <> '' "
        + "and c.email like '%@%'");
    var before = stores.snapshot();
    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));

    var reference = flow.fileAndConfirm(Map.of("type", "RECTIFICATION", "email", subject.email(), "language", "el",
        "corrections", List.of(Map.of("field", "shoe_size", "value", "44"), Map.of("field", "restricted",
            "value", "false"))));
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));

    var answer = Mails.body(flow.awaitMail("ολοκληρώθηκε"));
    assertThat(answer).contains("Οι διορθώσεις σας", "Διόρθωση 1: δεν τηρούμε δεδομένα", "Η διόρθωση 2 («restricted»)")
        .doesNotContain("shoe_size");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey(RectificationProcess.TASK_REVIEW_CORRECTIONS).count()).as("nothing to decide").isZero();
    assertThat(history.createHistoricActivityInstanceQuery().activityId(RectificationProcess.END_NOTHING_TO_CORRECT)
        .list()).extracting(a -> history.createHistoricProcessInstanceQuery().processInstanceId(a.getProcessInstanceId())
        .singleResult().getBusinessKey()).contains(reference);
    assertThat(flow.storeOutcomes(reference)).noneMatch(o -> "RECTIFY".equals(o.get("operation")));
    assertThat(flow.api().as("dpo").exchange("/api/dpo/requests/" + reference + "/recipients", HttpMethod.GET, null,
        DsrApi.LIST).getBody()).as("no store changed, no recipient told").isEmpty();
    assertThat(flow.api().events(reference, "CORRECTION_DECIDED")).extracting(e -> (String) e.get("outcome"))
        .containsExactly("Correction 1 (a field no store holds): NOT_HELD: no store holds this field",
            "Correction 2 (field restricted): NOT_CORRECTABLE: marks the restriction of processing");
    stores.othersUnchanged(before, subject);
    subjectsRowsUnchangedBut(before, subject, Set.of());
  }

  @Test
  void aNewEmailIsProvenByAOneTimeCodeEmailedToItAndThenCorrectedInTheStoresHoldingIt() {
    var subject = stores.subject("c.phone is not null and c.full_name is not null and c.full_name <> '' "
        + "and c.email like '%@%' and not c.restricted");
    var newEmail = "corrected-" + Math.floorMod(System.nanoTime(), 1_000_000_000L) + "@example.org";
    var before = stores.snapshot();
    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));
    var reference = flow.fileAndConfirm(Map.of("type", "RECTIFICATION", "email", subject.email(), "language", "en",
        "corrections", List.of(Map.of("field", "customer.email", "value", newEmail.toUpperCase()))));
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));
    var review = flow.api().awaitTask(reference, RectificationProcess.TASK_REVIEW_CORRECTIONS);
    var api = "/api/dpo/requests/" + reference + "/corrections";

    assertThat(flow.api().as("dpo").exchange(api + "/1/code", HttpMethod.POST, DsrApi.json(Map.of()), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    var mail = await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(newEmail), m -> !m.isEmpty()).get(0);
    var code = Pattern.compile("<strong>(\\d{6})</strong>").matcher(Mails.body(mail)).results().map(m -> m.group(1))
        .findFirst().orElseThrow();
    var wrong = flow.api().as("dpo").exchange(api + "/1", HttpMethod.POST, DsrApi.json(Map.of("decision", "accept",
        "identityApproved", true, "code", code.equals("000000") ? "111111" : "000000")), String.class);
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(wrong.getBody()).contains("not right");
    var approved = flow.api().as("dpo").exchange(api + "/1", HttpMethod.POST, DsrApi.json(Map.of("decision",
        "accept", "identityApproved", true, "code", code)), DsrApi.MAP);
    assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
    @SuppressWarnings("unchecked")
    var decision = ((List<Map<String, Object>>) approved.getBody().get("corrections")).get(0);
    assertThat((String) decision.get("identityProof")).contains("one-time code emailed to the new email");
    assertThat(flow.api().events(reference, "PHONE_PROVEN")).extracting(e -> (String) e.get("outcome"))
        .anyMatch(o -> o.startsWith("The new email of correction 1 was proven by one-time code"));
    flow.api().completeOk("dpo", review, Map.of(RectificationProcess.CORRECTIONS_REVIEWED, true));

    flow.awaitMail("has been completed");
    assertThat(stores.stores.queryForObject("select email from accounts.customer where id = ?", String.class,
        subject.customerId())).isEqualTo(newEmail);
    assertThat(Mails.body(mail)).doesNotContain(subject.email());
    stores.othersUnchanged(before, subject);
  }

  /** A seeded customer with a CRM contact of the same email and phone, from the end of the list (others take the start). */
  private DemoStoreRows.Subject subjectWithACrmContact() {
    var row = stores.stores.queryForMap("select c.id, c.email, c.phone from accounts.customer c where c.id > 4 "
        + "and c.restricted = false and c.phone is not null and c.full_name is not null and c.full_name <> '' "
        + "and exists (select 1 from demo_crm.contact k where k.email = c.email and k.phone = c.phone "
        + "and not k.restricted) order by c.id desc limit 1");
    return new DemoStoreRows.Subject(((Number) row.get("id")).longValue(), (String) row.get("email"),
        (String) row.get("phone"));
  }

  /** The subject's rows are as they were, but for {@code changed} in the customer row and the CRM contacts. */
  private void subjectsRowsUnchangedBut(Map<String, Map<Object, Map<String, Object>>> before,
      DemoStoreRows.Subject subject, Set<String> changed) {
    var after = stores.snapshot();
    for (var table : DemoStoreRows.TABLES) {
      var mine = stores.ofSubject(table, subject);
      before.get(table).forEach((id, row) -> {
        if (mine.test(row)) {
          var was = new LinkedHashMap<>(row);
          var now = new LinkedHashMap<>(after.get(table).get(id));
          if (table.equals("accounts.customer") || table.equals(DemoStoreRows.CRM)) {
            changed.forEach(was::remove);
            changed.forEach(now::remove);
          }
          assertThat(now).as(table + " row " + id + " of the subject").isEqualTo(was);
        }
      });
    }
  }

  private List<String> historyColumnsNaming(String... texts) {
    var columns = app.queryForList("select table_name, column_name from information_schema.columns where "
        + "(lower(table_name) like 'act_hi_%' or lower(table_name) like 'act_ru_%') and lower(data_type) in "
        + "('character varying', 'text', 'character large object', 'clob')");
    assertThat(columns).isNotEmpty();
    var found = new ArrayList<String>();
    for (var column : columns) {
      var table = (String) column.get("table_name");
      var name = (String) column.get("column_name");
      for (var text : texts) {
        var hits = app.queryForObject("select count(*) from " + table + " where lower(" + name + ") like ?",
            Long.class, "%" + text.toLowerCase() + "%");
        if (hits > 0) {
          found.add(table + "." + name + " holds " + text);
        }
      }
    }
    return found;
  }

  private static HttpEntity<String> form(String body, String csrf, String cookie) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    if (cookie != null) {
      headers.set(HttpHeaders.COOKIE, cookie);
    }
    return new HttpEntity<>(csrf == null ? body : body + "&_csrf=" + csrf, headers);
  }
}
