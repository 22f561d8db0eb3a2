package org.dsrpipeline.rights.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.demo.DemoSubjects;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.request.RequestStatus;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.FakeSaas;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.support.Verification;
import org.dsrpipeline.workflow.ErasureProcess;
import org.dsrpipeline.workflow.FailedSteps;
import org.dsrpipeline.workflow.RightProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Erasure from POST /api/requests to the final email, on the application's demo stores (jdbc) and a local
 * helpdesk and CRM (FakeSaas on the port of the test configuration's DSR_PUBLIC_BASE_URL), the DPO's tasks
 * completed over the engine REST API with exactly their forms' variables; then the stores read directly.
 */
class ErasureIT extends IntegrationTest {

  /** Subjects taken by a test of this class: each test erases a seeded subject of its own. */
  private static final Set<Long> TAKEN = ConcurrentHashMap.newKeySet();
  private static FakeSaas saas;

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate app;
  @Autowired DataSubjectRequestRepository requests;
  @Value("${dsr.stores.url}") String storesUrl;
  @Value("${dsr.stores.username:}") String storesUser;
  @Value("${dsr.stores.password:}") String storesPassword;
  private JdbcTemplate stores;
  private DsrApi api;

  record Subject(long customerId, String email, String phone) {
  }

  @BeforeAll
  static void helpdeskAndCrm() {
    saas = FakeSaas.start(29253);
    saas.pageSize(50);
  }

  @AfterAll
  static void close() {
    saas.close();
  }

  @BeforeEach
  void connect() {
    stores = new JdbcTemplate(new DriverManagerDataSource(storesUrl, storesUser, storesPassword));
    api = new DsrApi(http, tasks);
    DsrApi.ensureUsers(identity);
    if (saas.tickets.all().isEmpty()) {
      stores.queryForList("select * from demo_helpdesk.ticket order by id").forEach(t -> saas.tickets.add(
          "requester_email", t.get("requester_email"), "requester_name", t.get("requester_name"),
          "requester_phone", t.get("requester_phone"), "subject", t.get("subject"), "body", t.get("body"),
          "created_at", instant(t.get("created_at")).toString(), "restricted", t.get("restricted")));
      stores.queryForList("select * from demo_crm.contact order by id").forEach(c -> saas.contacts.add(
          "email", c.get("email"), "phone", c.get("phone"), "full_name", c.get("full_name"), "company",
          c.get("company"), "notes", c.get("notes"), "unsubscribed", c.get("unsubscribed"), "restricted",
          c.get("restricted")));
    }
  }

  @Test
  void theSubjectsDataIsErasedKeptOrHandledAsTheMapSaysAndNoOneElsesRecordsChange() {
    var subject = seededSubjectWithInvoicesInRetention();
    var invoicesInRetention = invoices(subject, true);
    var messages = messageLog(subject);
    saas.contacts.add("email", subject.email(), "phone", subject.phone(), "full_name", "CRM copy", "company", "X",
        "notes", "met at a fair", "unsubscribed", false);
    saas.tickets.add("requester_email", subject.email(), "requester_name", "Helpdesk copy", "requester_phone", null,
        "subject", "Credits", "body", "How many credits?", "created_at", Instant.now().toString());
    var subjects = subjectsRows(subject);
    var others = othersChecksum(subject, subjects);

    var reference = fileAndConfirm(subject.email());
    approveThePlan(reference);
    answerTheManualAction(reference);
    awaitCompletedWithTheFinalEmail(reference, subject.email());

    var customer = stores.queryForMap("select * from accounts.customer where id = ?", subject.customerId());
    assertThat(customer.get("email")).isNotEqualTo(subject.email());
    assertThat(customer.get("phone")).isNotEqualTo(subject.phone());
    assertThat(Objects.toString(customer.get("full_name"), "")).isEmpty();
    assertThat(invoices(subject, false)).as("invoices past their 10 years are deleted").isEqualTo(invoicesInRetention);
    assertThat(stores.queryForObject("select count(*) from marketing.marketing_preference where customer_id = ?",
        Long.class, subject.customerId())).isZero();
    assertThat(stores.queryForObject("select count(*) from tracking.tracking_event where customer_id = ?", Long.class,
        subject.customerId())).isZero();
    assertThat(stores.queryForObject("select count(*) from marketing.newsletter_subscription where lower(email) = ?",
        Long.class, subject.email().toLowerCase())).isZero();
    assertThat(messageLog(subject)).as("message logs: held as processor, handled with the controller")
        .isEqualTo(messages);
    assertThat(saas.tickets.all()).noneMatch(t -> subject.email().equals(t.get("requester_email")));
    assertThat(saas.contacts.all()).noneMatch(c -> subject.email().equals(c.get("email")));
    assertThat(othersChecksum(subject, subjects)).as("no one else's records changed").isEqualTo(others);

    var outcomes = outcomes(reference).stream().filter(o -> "ERASE".equals(o.get("operation"))).toList();
    assertThat(outcomes.stream().map(o -> o.get("store") + " " + o.get("status")).distinct()).containsExactlyInAnyOrder(
        "customer-accounts OK", "message-log HANDLED_WITH_CONTROLLER", "marketing OK", "web-tracking OK",
        "helpdesk OK", "crm OK", "paper-archive OK");
    var accounts = outcomes.stream().filter(o -> "customer-accounts".equals(o.get("store"))).findFirst().orElseThrow();
    assertThat(((Number) accounts.get("kept")).longValue()).isEqualTo(invoicesInRetention);

    var deferred = runtime.createProcessInstanceQuery().processDefinitionKey(ErasureProcess.KEY_DEFERRED)
        .processInstanceBusinessKey(reference).singleResult();
    assertThat(deferred).as("kept invoices wait for their retention to end").isNotNull();
    assertThat(runtime.createExecutionQuery().processInstanceId(deferred.getId())
        .activityId(ErasureProcess.GATEWAY_AWAIT_RETENTION_OR_LIFT).count()).isEqualTo(1);
    assertThat(app.queryForObject("select count(*) from dsr_subject_identity i join dsr_request r on r.id = "
        + "i.request_id where r.reference = ?", Long.class, reference)).as("kept until the last kept record goes")
        .isPositive();
    // the retention timer fires (as its date would): a second pass runs only where records were kept, and keeps them
    var timer = management.createJobQuery().processInstanceId(deferred.getId()).timers().singleResult();
    management.executeJob(timer.getId());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(outcomes(reference).stream()
        .filter(o -> "ERASE".equals(o.get("operation")) && Integer.valueOf(2).equals(o.get("pass"))))
        .singleElement().satisfies(o -> assertThat(o.get("store")).isEqualTo("customer-accounts"))
        .satisfies(o -> assertThat(((Number) o.get("kept")).longValue()).isEqualTo(invoicesInRetention)));
    await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createExecutionQuery()
        .processInstanceId(deferred.getId()).activityId(ErasureProcess.GATEWAY_AWAIT_RETENTION_OR_LIFT).count() == 1);
    assertThat(invoices(subject, false)).isEqualTo(invoicesInRetention);
    assertThat(mailsTo(subject.email()).stream().map(Mails::body)).as("the answer, built from the outcomes")
        .anyMatch(b -> b.contains("We will erase them when that date comes") && b.contains("handled with")
            && !b.contains(subject.email()) && !b.contains(subject.phone()));
  }

  @Test
  void whenNothingIsKeptTheStoredIdentitiesAreDeletedAsTheErasureEnds() {
    var subject = seededSubject(false);
    var reference = fileAndConfirm(subject.email());
    approveThePlan(reference);
    answerTheManualAction(reference);
    awaitCompletedWithTheFinalEmail(reference, subject.email());

    assertThat(stores.queryForObject("select count(*) from accounts.invoice where customer_id = ?", Long.class,
        subject.customerId())).isZero();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(app.queryForObject("select count(*) from "
        + "dsr_subject_identity i join dsr_request r on r.id = i.request_id where r.reference = ?", Long.class,
        reference)).isZero());
    assertThat(api.events(reference, "SUBJECT_IDENTITIES_DELETED")).hasSize(1);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ErasureProcess.KEY_DEFERRED)
        .processInstanceBusinessKey(reference).count()).isZero();
  }

  @Test
  void everyRecipientOfAChangedStoreIsToldOnceAndAcknowledgesOnItsPageOrIsRecordedWithTheMapsReason() {
    var subject = seededSubject(false);
    saas.contacts.add("email", subject.email(), "phone", subject.phone(), "full_name", "CRM copy", "company", "X",
        "notes", "", "unsubscribed", false);
    saas.tickets.add("requester_email", subject.email(), "requester_name", "Helpdesk copy", "requester_phone", null,
        "subject", "Invoice", "body", "Where is my invoice?", "created_at", Instant.now().toString());
    var reference = fileAndConfirm(subject.email());
    approveThePlan(reference);
    answerTheManualAction(reference);
    awaitCompletedWithTheFinalEmail(reference, subject.email());

    var recipients = api.as("dpo").exchange("/api/dpo/requests/" + reference + "/recipients", HttpMethod.GET, null,
        DsrApi.LIST).getBody();
    assertThat(recipients).extracting(r -> r.get("recipient") + " " + r.get("status")).as("not the message log's: "
        + "held as processor").containsExactlyInAnyOrder("Hosting provider NOT_NOTIFIED",
        "Company branches abroad NOTIFIED", "Helpdesk provider NOTIFIED", "CRM provider NOTIFIED");
    assertThat(recipients).filteredOn(r -> "Hosting provider".equals(r.get("recipient"))).singleElement()
        .satisfies(r -> assertThat((String) r.get("reason")).contains("on our behalf only"));
    var notices = mailsTo("privacy@crm.example").stream().filter(m -> Mails.subject(m).contains(reference)).toList();
    assertThat(notices).hasSize(1);
    assertThat(Mails.body(notices.get(0))).as("the email names no subject").doesNotContain(subject.email())
        .doesNotContain(subject.phone());
    var page = Mails.linkPath(notices.get(0), "/recipient/");

    var shown = http.getForEntity(page, String.class);
    assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(shown.getBody()).contains(subject.email(), "erase the data", reference);
    var forged = http.postForEntity(page, form("nonce", "forged"), String.class);
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.events(reference, "RECIPIENT_ACKNOWLEDGED")).isEmpty();
    var nonce = shown.getBody().replaceAll("(?s).*name=\"nonce\" value=\"([^\"]+)\".*", "$1");
    var acknowledged = http.postForEntity(page, form("nonce", nonce), String.class);
    var replayed = http.postForEntity(page, form("nonce", nonce), String.class);

    assertThat(acknowledged.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(acknowledged.getBody()).contains("your confirmation is recorded");
    assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(replayed.getBody()).contains("already confirmed");
    assertThat(api.events(reference, "RECIPIENT_ACKNOWLEDGED")).hasSize(1);
    assertThat(http.getForEntity("/recipient/" + "x".repeat(43), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    var helpdesk = Mails.linkPath(mailsTo("privacy@helpdesk.example").stream()
        .filter(m -> Mails.subject(m).contains(reference)).findFirst().orElseThrow(), "/recipient/");
    app.update("update dsr_recipient_notice set expires_at = ? where recipient_name = 'Helpdesk provider' and "
        + "request_id = (select id from dsr_request where reference = ?)", Timestamp.from(Instant.now().minusSeconds(1)),
        reference);
    var expired = http.postForEntity(helpdesk, form("nonce", "any"), String.class);
    assertThat(expired.getStatusCode()).as("expired: the same page as unknown").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(expired.getBody()).contains("unknown or has expired").doesNotContain(subject.email());
    assertThat(api.as("dpo").exchange("/api/dpo/requests/" + reference + "/recipients", HttpMethod.GET, null,
        DsrApi.LIST).getBody()).filteredOn(r -> "CRM provider".equals(r.get("recipient"))).singleElement()
        .satisfies(r -> assertThat(r.get("status")).isEqualTo("ACKNOWLEDGED"));
    assertThat(mailsTo(subject.email()).stream().map(Mails::body)).as("the answer lists the recipients (Art. 19)")
        .anyMatch(b -> b.contains("We told CRM provider") && b.contains("Hosting provider, who received your data "
            + "from us, was not told"));
  }

  private static HttpEntity<MultiValueMap<String, String>> form(String name, String value) {
    return fields(name, value);
  }

  private static HttpEntity<MultiValueMap<String, String>> fields(String name, String value, String... more) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    var body = new LinkedMultiValueMap<String, String>();
    body.add(name, value);
    for (int i = 0; i + 1 < more.length; i += 2) {
      body.add(more[i], more[i + 1]);
    }
    return new HttpEntity<>(body, headers);
  }

  @Test
  void anEndUsersMessagesGoToEachControllerCustomerAndOnlyTheOneThatSaysCarryItOutHasItsRecordsErased() {
    var subject = seededSubject(false);
    var existingSenders = stores.queryForList("select distinct sender_customer_id from messaging.message_log where "
        + "recipient_phone = ? or lower(recipient_email) = ?", Long.class, subject.phone(), subject.email().toLowerCase());
    var known = DemoSubjects.ALL.stream().map(s -> s.customerId()).toList();
    var pair = stores.queryForList("select id from accounts.customer where id <> ? and email is not null and company "
        + "is not null order by id desc", Long.class, subject.customerId()).stream()
        .filter(id -> !existingSenders.contains(id) && !known.contains(id) && TAKEN.add(id)).limit(2).toList();
    long carriesOut = pair.get(0);
    long silent = pair.get(1);
    var next = stores.queryForObject("select max(id) from messaging.message_log", Long.class);
    long pastRetention = next + 1;
    long inRetention = next + 2;
    long silentOnes = next + 3;
    message(pastRetention, carriesOut, subject.phone(), 900);
    message(inRetention, carriesOut, subject.phone(), 60);
    message(silentOnes, silent, subject.phone(), 100);
    var subjects = subjectsRows(subject);
    var others = othersChecksum(subject, subjects, pastRetention, inRetention);
    var keptBefore = stores.queryForMap("select * from messaging.message_log where id = ?", inRetention);

    var reference = fileAndConfirm(subject.email());
    approveThePlan(reference);
    answerTheManualAction(reference);
    var links = controllerLinks(http, reference);

    assertThat(links.keySet()).as("one question per controller customer whose messages were found")
        .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(existingSenders.stream(),
            java.util.stream.Stream.of(carriesOut, silent)).map(String::valueOf).toList());
    var question = mailsTo(contact(carriesOut)).stream().filter(m -> Mails.subject(m).contains(reference)).toList();
    assertThat(question).hasSize(1);
    assertThat(Mails.body(question.get(0))).as("the email names no subject").contains("2", reference)
        .doesNotContain(subject.email()).doesNotContain(subject.phone());
    links.forEach((controller, link) -> {
      if (!controller.equals(String.valueOf(carriesOut)) && !controller.equals(String.valueOf(silent))) {
        assertThat(http.exchange("/api" + link, HttpMethod.POST, json(Map.of("answer", "HANDLED_BY_CONTROLLER")),
            String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
      }
    });
    var forged = http.getForEntity("/controller/" + "x".repeat(43), String.class);
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(forged.getBody()).contains("This link is not valid");
    assertThat(http.exchange("/api/controller/" + "x".repeat(43), HttpMethod.POST, json(Map.of("answer",
        "CARRY_OUT")), String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    var silentLink = "/api" + links.get(String.valueOf(silent));
    assertThat(http.exchange(silentLink, HttpMethod.POST, json(Map.of("answer", "MAYBE")), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.exchange(silentLink, HttpMethod.POST, json(Map.of("answer", "REFUSED")), String.class)
        .getStatusCode()).as("a refusal needs its reason").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.exchange(silentLink, HttpMethod.GET, null, DsrApi.MAP).getBody()).containsEntry("answer", null)
        .containsEntry("reference", reference);

    var page = links.get(String.valueOf(carriesOut));
    var shown = http.getForEntity(page, String.class);
    assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(shown.getBody()).contains(reference, subject.email(), subject.phone(), "Carry it out");
    var nonce = shown.getBody().replaceAll("(?s).*name=\"nonce\" value=\"([^\"]+)\".*", "$1");
    assertThat(http.postForEntity(page, fields("nonce", "forged", "answer", "CARRY_OUT"), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.postForEntity(page, fields("nonce", nonce, "answer", "REFUSED"), String.class).getStatusCode())
        .as("a refusal needs its reason").isEqualTo(HttpStatus.BAD_REQUEST);
    var answered = http.postForEntity(page, fields("nonce", nonce, "answer", "CARRY_OUT"), String.class);
    assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answered.getBody()).contains("your answer is recorded");
    var replayed = http.exchange("/api" + page, HttpMethod.POST, json(Map.of("answer", "REFUSED", "reason", "no")),
        DsrApi.MAP);
    assertThat(replayed.getStatusCode()).as("a second answer changes nothing").isEqualTo(HttpStatus.CONFLICT);
    assertThat(replayed.getBody()).containsEntry("answer", "CARRY_OUT").containsEntry("recorded", false);

    var asked = api.as("dpo").exchange("/api/dpo/requests/" + reference + "/controllers", HttpMethod.GET, null,
        DsrApi.LIST).getBody();
    var silentId = ((Number) asked.stream().filter(c -> String.valueOf(silent).equals(c.get("controller")))
        .findFirst().orElseThrow().get("id")).longValue();
    var waiting = await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(RightProcess.KEY_CONTROLLER_INSTRUCTION).processInstanceBusinessKey(reference)
        .variableValueEquals(RightProcess.CONTROLLER_REQUEST, silentId).singleResult(), Objects::nonNull);
    management.executeJob(management.createJobQuery().processInstanceId(waiting.getId())
        .activityId(RightProcess.TIMER_REMIND_CONTROLLER).singleResult().getId());
    var reminder = await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(contact(silent)).stream()
        .filter(m -> Mails.subject(m).startsWith("Reminder") && Mails.subject(m).contains(reference)).findFirst(),
        java.util.Optional::isPresent).orElseThrow();
    assertThat(http.getForEntity(Mails.linkPath(reminder, "/controller/"), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    app.update("update dsr_controller_request set expires_at = ? where id = ?",
        Timestamp.from(Instant.now().minusSeconds(1)), silentId);
    var expired = http.exchange("/api" + links.get(String.valueOf(silent)), HttpMethod.POST, json(Map.of("answer",
        "CARRY_OUT")), String.class);
    assertThat(expired.getStatusCode()).as("expired: as unknown").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity(links.get(String.valueOf(silent)), String.class).getBody())
        .contains("unknown or has expired").doesNotContain(subject.email());
    management.executeJob(management.createJobQuery().processInstanceId(waiting.getId())
        .activityId(RightProcess.TIMER_CONTROLLER_SILENT).singleResult().getId());
    var chase = api.awaitTask(reference, RightProcess.TASK_CHASE_CONTROLLER);
    api.completeOk("dpo", chase, Map.of(RightProcess.CONTROLLER_DECISION, "noAnswer", RightProcess.CONTROLLER_NOTE,
        "Two emails and a call: no answer"));
    awaitCompleted(reference, subject.email());

    var erased = stores.queryForMap("select * from messaging.message_log where id = ?", pastRetention);
    assertThat(erased.get("recipient_phone")).as("past its 24 months: erased").isNotEqualTo(subject.phone());
    assertThat(Objects.toString(erased.get("body"), "")).isEmpty();
    assertThat(stores.queryForMap("select * from messaging.message_log where id = ?", inRetention))
        .as("inside its 24 months: kept whole").isEqualTo(keptBefore);
    assertThat(othersChecksum(subject, subjects, pastRetention, inRetention))
        .as("the silent controller's and every other message, and no one else's records, unchanged").isEqualTo(others);
    var parts = outcomes(reference).stream().filter(o -> "message-log".equals(o.get("store"))
        && "ERASE".equals(o.get("operation"))).toList();
    assertThat(parts).filteredOn(o -> String.valueOf(carriesOut).equals(o.get("controller"))).singleElement()
        .satisfies(o -> assertThat(o).containsEntry("status", "OK").containsEntry("kept", 1))
        .satisfies(o -> assertThat(o.get("keptUntil")).isNotNull());
    assertThat(parts).filteredOn(o -> String.valueOf(silent).equals(o.get("controller"))).singleElement()
        .satisfies(o -> assertThat(o).containsEntry("status", "HANDLED_WITH_CONTROLLER"));
    var company = stores.queryForObject("select company from accounts.customer where id = ?", String.class, carriesOut);
    var silentCompany = stores.queryForObject("select company from accounts.customer where id = ?", String.class,
        silent);
    assertThat(mailsTo(subject.email()).stream().map(Mails::body)).as("the answer names each controller and its answer")
        .anyMatch(b -> b.contains(company + ", the business that sent you messages") && b.contains("instructed us")
            && b.contains(silentCompany) && b.contains("it did not answer")
            && b.contains("We will erase them when that date comes"));

    // the kept message's 24 months end (moved back, as time would): the next pass erases it, and nothing else
    stores.update("update messaging.message_log set sent_at = ? where id = ?",
        Timestamp.from(Instant.now().minus(800, ChronoUnit.DAYS)), inRetention);
    var deferred = runtime.createProcessInstanceQuery().processDefinitionKey(ErasureProcess.KEY_DEFERRED)
        .processInstanceBusinessKey(reference).singleResult();
    management.executeJob(management.createJobQuery().processInstanceId(deferred.getId()).timers().singleResult()
        .getId());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stores.queryForObject(
        "select recipient_phone from messaging.message_log where id = ?", String.class, inRetention))
        .isNotEqualTo(subject.phone()));
    assertThat(othersChecksum(subject, subjects, pastRetention, inRetention)).isEqualTo(others);
  }

  private void message(long id, long sender, String phone, int daysAgo) {
    stores.update("insert into messaging.message_log (id, sender_customer_id, recipient_phone, channel, sender_id, "
        + "body, sent_at) values (?, ?, ?, 'SMS', 'TESTSENDER', 'Your code is 1234', ?)", id, sender, phone,
        Timestamp.from(Instant.now().minus(daysAgo, ChronoUnit.DAYS)));
  }

  private String contact(long customer) {
    return stores.queryForObject("select email from accounts.customer where id = ?", String.class, customer);
  }

  @Test
  void aStoreThatFailsDuringTheErasureHasAnIncidentAndOnceBackAndRetriedTheRequestCompletesWithOneEffectPerStore() {
    var subject = seededSubjectWithInvoicesInRetention();
    var reference = fileAndConfirm(subject.email());
    var review = awaitPlanReview(reference);
    stores.execute("alter table marketing.marketing_preference rename to marketing_preference_away");
    try {
      api.completeOk("dpo", review, Map.of(ErasureProcess.PLAN_APPROVED, true));
      answerTheManualAction(reference);

      var incident = await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createIncidentQuery()
          .activityId(RightProcess.TASK_RUN_STORE_OPERATION).list().stream()
          .filter(i -> reference.equals(runtime.createProcessInstanceQuery().processInstanceId(i.getProcessInstanceId())
              .singleResult().getBusinessKey())).findFirst().orElse(null), Objects::nonNull);
      assertThat(runtime.getVariable(incident.getProcessInstanceId(), RightProcess.STORE)).isEqualTo("marketing");
      assertThat(http.withBasicAuth("dpo", "dpo").getForObject("/dpo/dashboard", String.class))
          .as("the dashboard lists the failed store").containsPattern("(?s)<a href=\"/dpo/requests/" + reference
              + "\">" + reference + "</a></td>\\s*<td[^>]*class=\"store\">marketing</td>");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(outcomes(reference).stream()
          .filter(o -> "ERASE".equals(o.get("operation")) && !"marketing".equals(o.get("store"))
              && !"message-log".equals(o.get("store")))
          .map(o -> o.get("status"))).as("the message log waits for its controllers, after the stores")
          .hasSize(5).allMatch("OK"::equals));
      assertThat(stores.queryForObject("select count(*) from tracking.tracking_event where customer_id = ?",
          Long.class, subject.customerId())).as("the other stores are erased").isZero();
      assertThat(requests.findByReference(reference).orElseThrow().status()).isNotEqualTo(RequestStatus.COMPLETED);

      var retry = api.awaitTask(reference, FailedSteps.TASK_RETRY_FAILED_STEP);
      assertThat(tasks.getVariable(retry.getId(), FailedSteps.STORE)).isEqualTo("marketing");
      assertThat(retry.getDueDate()).as("the request's legal due date, from the calling instance")
          .isEqualTo(Date.from(requests.findByReference(reference).orElseThrow().dueAt()));
      assertThat(api.complete("dpo", retry, Map.of()).getStatusCode()).as("the box must be ticked")
          .isEqualTo(HttpStatus.BAD_REQUEST);
      stores.execute("alter table marketing.marketing_preference_away rename to marketing_preference");
      // the DPO fixed the store and retries it from Tasklist, with the variable of the task's form
      api.completeOk("dpo", retry, Map.of("retryNow", true));
      awaitCompletedWithTheFinalEmail(reference, subject.email());
    } finally {
      if (stores.queryForObject("select count(*) from information_schema.tables where lower(table_name) = "
          + "'marketing_preference_away'", Long.class) > 0) {
        stores.execute("alter table marketing.marketing_preference_away rename to marketing_preference");
      }
    }

    assertThat(stores.queryForObject("select count(*) from marketing.marketing_preference where customer_id = ?",
        Long.class, subject.customerId())).isZero();
    var erase = outcomes(reference).stream().filter(o -> "ERASE".equals(o.get("operation"))).toList();
    assertThat(erase).filteredOn(o -> !"message-log".equals(o.get("store"))).extracting(o -> (String) o.get("store"))
        .doesNotHaveDuplicates().hasSize(6);
    assertThat(erase).filteredOn(o -> "message-log".equals(o.get("store"))).as("one part per controller customer")
        .isNotEmpty().extracting(o -> o.get("controller")).doesNotHaveDuplicates();
    assertThat(erase).allMatch(o -> "OK".equals(o.get("status")) || "HANDLED_WITH_CONTROLLER".equals(o.get("status")));
    var marketing = erase.stream().filter(o -> "marketing".equals(o.get("store"))).findFirst().orElseThrow();
    assertThat(marketing.get("attempts")).isEqualTo(4);
    assertThat(api.events(reference, "STORE_OPERATION").stream().map(e -> (String) e.get("outcome"))
        .filter(o -> o.contains("erase marketing OK"))).as("one effect recorded").hasSize(1);
  }

  @Test
  void aStoreTheDpoPutsOnLegalHoldIsKeptWholeWithTheReasonInTheEvidence() {
    var subject = seededSubjectWithInvoicesInRetention();
    var preferences = stores.queryForObject("select count(*) from marketing.marketing_preference where customer_id = ?",
        Long.class, subject.customerId());
    var reference = fileAndConfirm(subject.email());
    var review = awaitPlanReview(reference);
    var path = "/dpo/requests/" + reference + "/erasure-plan";
    var page = api.as("dpo").getForEntity(path, String.class);
    var token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.getBody());
    assertThat(token.find()).as("the page's form carries a CSRF token").isTrue();
    var session = page.getHeaders().getFirst(org.springframework.http.HttpHeaders.SET_COOKIE).split(";", 2)[0];

    assertThat(api.as("dpo").postForEntity(path + "/holds", form("store=marketing&reason=Lawsuit", null, null),
        String.class).getStatusCode()).as("no CSRF token").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.postForEntity(path + "/holds", form("store=marketing&reason=Lawsuit", token.group(1), session),
        String.class).getStatusCode()).as("no DPO").isEqualTo(HttpStatus.UNAUTHORIZED);
    var noReason = api.as("dpo").postForEntity(path + "/holds", form("store=marketing&reason=+", token.group(1),
        session), String.class);
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody()).contains("say why the store");
    var held = api.as(DsrApi.SECOND_DPO).postForEntity(path + "/holds", form(
        "store=marketing&reason=Pending+lawsuit+about+the+campaign", token.group(1), session), String.class);
    assertThat(held.getStatusCode()).as(held.getBody()).isIn(HttpStatus.OK, HttpStatus.FOUND);

    var plan = api.as("dpo").exchange("/api/dpo/requests/" + reference + "/erasure-plan", HttpMethod.GET, null,
        DsrApi.MAP).getBody();
    @SuppressWarnings("unchecked")
    var rows = (List<Map<String, Object>>) plan.get("plan");
    assertThat(rows).filteredOn(r -> "marketing".equals(r.get("store"))).isNotEmpty()
        .allMatch(r -> "KEEP".equals(r.get("action")) && ((String) r.get("reason")).contains("legal hold"));
    assertThat(rows).filteredOn(r -> "web-tracking".equals(r.get("store"))).allMatch(r -> "ERASE".equals(r.get("action")));
    assertThat(api.events(reference, "LEGAL_HOLD_RECORDED")).singleElement()
        .satisfies(e -> assertThat(e.get("actor")).isEqualTo(DsrApi.SECOND_DPO))
        .satisfies(e -> assertThat((String) e.get("outcome")).contains("marketing", "Pending lawsuit"));

    api.completeOk("dpo", review, Map.of(ErasureProcess.PLAN_APPROVED, true));
    answerTheManualAction(reference);
    awaitCompletedWithTheFinalEmail(reference, subject.email());

    assertThat(stores.queryForObject("select count(*) from marketing.marketing_preference where customer_id = ?",
        Long.class, subject.customerId())).as("kept whole").isEqualTo(preferences);
    assertThat(mailsTo(subject.email()).stream().map(Mails::body)).anyMatch(b -> b.contains("kept whole"));
    assertThat(outcomes(reference)).filteredOn(o -> "marketing".equals(o.get("store")) && "ERASE".equals(o.get("operation")))
        .singleElement().satisfies(o -> assertThat(o.get("status")).isEqualTo("KEPT_ON_HOLD"))
        .satisfies(o -> assertThat((String) o.get("note")).contains("Pending lawsuit"));
    var late = api.as("dpo").postForEntity(path + "/holds", form("store=crm&reason=Too+late", token.group(1), session),
        String.class);
    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void aHoldLiftedAfterTheErasureHasTheStoreErasedThenAndOnlyThenAreTheStoredIdentitiesDeleted() {
    var subject = seededSubject(false);
    var reference = fileAndConfirm(subject.email());
    var review = awaitPlanReview(reference);
    var holds = "/api/dpo/requests/{reference}/legal-holds";
    assertThat(api.as("dpo").postForEntity(holds, Map.of("store", "marketing", "reason", "Pending lawsuit"),
        String.class, reference).getStatusCode()).isEqualTo(HttpStatus.OK);
    api.completeOk("dpo", review, Map.of(ErasureProcess.PLAN_APPROVED, true));
    answerTheManualAction(reference);
    awaitCompletedWithTheFinalEmail(reference, subject.email());

    var preferences = "select count(*) from marketing.marketing_preference where customer_id = ?";
    assertThat(stores.queryForObject(preferences, Long.class, subject.customerId())).as("held").isPositive();
    var deferred = await().atMost(Duration.ofSeconds(20)).until(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(ErasureProcess.KEY_DEFERRED).processInstanceBusinessKey(reference).singleResult(),
        Objects::nonNull);
    assertThat(storedIdentities(reference)).as("kept while a store is on hold").isPositive();
    assertThat(api.events(reference, "SUBJECT_IDENTITIES_DELETED")).isEmpty();

    var lift = holds + "/lift";
    var noReason = api.as("dpo").postForEntity(lift, Map.of("store", "marketing", "reason", " "), String.class,
        reference);
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody()).contains("say why");
    assertThat(api.as("dpo").postForEntity(lift, Map.of("store", "crm", "reason", "x"), String.class, reference)
        .getStatusCode()).as("no hold on crm").isEqualTo(HttpStatus.BAD_REQUEST);
    var lifted = api.as(DsrApi.SECOND_DPO).postForEntity(lift, Map.of("store", "marketing", "reason",
        "Lawsuit settled"), String.class, reference);
    assertThat(lifted.getStatusCode()).as(lifted.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(lifted.getBody()).contains("\"liftedBy\":\"" + DsrApi.SECOND_DPO + "\"", "Lawsuit settled");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stores.queryForObject(preferences,
        Long.class, subject.customerId())).isZero());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(storedIdentities(reference)).isZero());
    assertThat(outcomes(reference)).filteredOn(o -> "marketing".equals(o.get("store")) && "ERASE".equals(o.get("operation")))
        .extracting(o -> o.get("pass") + " " + o.get("status")).containsExactly("1 KEPT_ON_HOLD", "2 OK");
    assertThat(api.events(reference, "LEGAL_HOLD_LIFTED")).singleElement()
        .satisfies(e -> assertThat(e.get("actor")).isEqualTo(DsrApi.SECOND_DPO))
        .satisfies(e -> assertThat((String) e.get("outcome")).contains("marketing", "Lawsuit settled"));
    assertThat(api.events(reference, "SUBJECT_IDENTITIES_DELETED")).hasSize(1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(deferred.getId()).count()).isZero();
    assertThat(api.as("dpo").postForEntity(lift, Map.of("store", "marketing", "reason", "again"), String.class,
        reference).getStatusCode()).as("lifted once").isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private long storedIdentities(String reference) {
    return app.queryForObject("select count(*) from dsr_subject_identity i join dsr_request r on r.id = i.request_id "
        + "where r.reference = ?", Long.class, reference);
  }

  private static org.springframework.http.HttpEntity<String> form(String body, String csrf, String cookie) {
    var headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED);
    if (cookie != null) {
      headers.set(org.springframework.http.HttpHeaders.COOKIE, cookie);
    }
    return new org.springframework.http.HttpEntity<>(csrf == null ? body : body + "&_csrf=" + csrf, headers);
  }

  @Test
  void theEnginesHistoryHoldsNeitherTheSubjectsEmailNorPhoneAfterTheErasure() {
    var subject = seededSubjectWithInvoicesInRetention();
    var reference = fileAndConfirm(subject.email());
    approveThePlan(reference);
    answerTheManualAction(reference);
    awaitCompletedWithTheFinalEmail(reference, subject.email());

    var columns = app.queryForList("select table_name, column_name from information_schema.columns where "
        + "(lower(table_name) like 'act_hi_%' or lower(table_name) like 'act_ru_%') and lower(data_type) in "
        + "('character varying', 'text', 'character large object', 'clob')");
    assertThat(columns).isNotEmpty();
    var found = new ArrayList<String>();
    var phoneDigits = subject.phone().replace("+", "");
    for (var column : columns) {
      var table = (String) column.get("table_name");
      var name = (String) column.get("column_name");
      var hits = app.queryForObject("select count(*) from " + table + " where lower(" + name + ") like ? or "
          + name + " like ?", Long.class, "%" + subject.email().toLowerCase() + "%", "%" + phoneDigits + "%");
      if (hits > 0) {
        found.add(table + "." + name);
      }
    }
    assertThat(found).as("history and runtime columns naming the subject").isEmpty();
  }

  private Subject seededSubjectWithInvoicesInRetention() {
    return seededSubject(true);
  }

  /** A seeded subject not erased yet, with marketing preferences; with invoices inside their 10 years, or none. */
  private Subject seededSubject(boolean invoicesInRetention) {
    var known = DemoSubjects.ALL.stream().map(s -> s.customerId()).toList();
    var invoices = invoicesInRetention
        ? "exists (select 1 from accounts.invoice i where i.customer_id = c.id and i.issued_at > ?)"
        : "not exists (select 1 from accounts.invoice i where i.customer_id = c.id and i.issued_at > ?)";
    var candidates = stores.query("select c.id, c.email, c.phone from accounts.customer c where c.full_name is not null "
        + "and c.full_name <> '' and " + invoices + " and exists (select 1 from marketing.marketing_preference p "
        + "where p.customer_id = c.id) order by c.id", (rs, n) -> new Subject(rs.getLong(1), rs.getString(2),
        rs.getString(3)), Timestamp.from(Instant.now().minus(invoicesInRetention ? 3000 : 3700, ChronoUnit.DAYS)));
    return candidates.stream().filter(s -> !known.contains(s.customerId())).filter(s -> TAKEN.add(s.customerId()))
        .findFirst().orElseThrow(() -> new IllegalStateException("no seeded subject left to erase"));
  }

  private String fileAndConfirm(String email) {
    var filed = http.exchange("/api/requests", HttpMethod.POST, json(Map.of("type", "ERASURE", "email", email)),
        DsrApi.MAP);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    var reference = (String) filed.getBody().get("reference");
    var link = await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream()
        .filter(m -> Mails.body(m).contains("/verify/")).findFirst().orElse(null), Objects::nonNull);
    assertThat(Verification.confirm(http, Mails.linkPath(link, "/verify/")).getStatusCode()).isEqualTo(HttpStatus.OK);
    api.completeOk("dpo", api.awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));
    return reference;
  }

  private org.camunda.bpm.engine.task.Task awaitPlanReview(String reference) {
    var review = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(reference).taskDefinitionKey(ErasureProcess.TASK_REVIEW_PLAN).singleResult(),
        Objects::nonNull);
    assertThat(tasks.getVariable(review.getId(), ErasureProcess.PLAN_PATH))
        .isEqualTo("/dpo/requests/" + reference + "/erasure-plan");
    var page = api.as("dpo").getForEntity("/dpo/requests/" + reference + "/erasure-plan", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("HANDLED_WITH_CONTROLLER", "customer-accounts", "ERASE");
    return review;
  }

  private void approveThePlan(String reference) {
    api.completeOk("dpo", awaitPlanReview(reference), Map.of(ErasureProcess.PLAN_APPROVED, true));
  }

  /** The paper archive is a manual store: the DPO answers its erase action, as on its page. */
  private void answerTheManualAction(String reference) {
    var action = await().atMost(Duration.ofSeconds(30)).until(() -> api.as("dpo").exchange(
        "/api/dpo/manual-actions?status=PENDING", HttpMethod.GET, null, DsrApi.LIST).getBody().stream()
        .filter(a -> reference.equals(a.get("reference")) && "ERASE".equals(a.get("operation"))).findFirst()
        .orElse(null), Objects::nonNull);
    var answered = api.as("dpo").postForEntity("/api/dpo/manual-actions/{id}/answer",
        Map.of("status", "DONE", "answer", "Folder shredded"), String.class, action.get("id"));
    assertThat(answered.getStatusCode().is2xxSuccessful()).as(answered.getBody()).isTrue();
  }

  /** The controller customers asked (the message log is held as processor) handle it themselves; then the answer. */
  private void awaitCompletedWithTheFinalEmail(String reference, String email) {
    answerEveryController(http, reference, "HANDLED_BY_CONTROLLER");
    awaitCompleted(reference, email);
  }

  private void awaitCompleted(String reference, String email) {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(requests.findByReference(reference)
        .orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() >= 4);
  }

  private List<Map<String, Object>> outcomes(String reference) {
    return api.as("dpo").exchange("/api/dpo/requests/" + reference + "/store-outcomes", HttpMethod.GET, null,
        DsrApi.LIST).getBody();
  }

  private long invoices(Subject subject, boolean inRetentionOnly) {
    return inRetentionOnly
        ? stores.queryForObject("select count(*) from accounts.invoice where customer_id = ? and issued_at > ?",
            Long.class, subject.customerId(), Timestamp.from(Instant.now().atOffset(java.time.ZoneOffset.UTC)
                .minusYears(10).plusDays(1).toInstant()))
        : stores.queryForObject("select count(*) from accounts.invoice where customer_id = ?", Long.class,
            subject.customerId());
  }

  private List<Map<String, Object>> messageLog(Subject subject) {
    return stores.queryForList("select * from messaging.message_log where recipient_phone = ? or "
        + "lower(recipient_email) = ? order by id", subject.phone(), subject.email().toLowerCase());
  }

  /** The subject's rows as they were before the erasure, by table: the checksum of everyone else's leaves them out. */
  private Map<String, List<Object>> subjectsRows(Subject subject) {
    var email = subject.email().toLowerCase();
    return Map.of(
        "marketing.newsletter_subscription", ids("select id from marketing.newsletter_subscription where lower(email) = ?",
            email),
        "tracking.tracking_event", ids("select id from tracking.tracking_event where customer_id = ? or cookie_id in "
            + "(select cookie_id from tracking.tracking_event where customer_id = ?)", subject.customerId(),
            subject.customerId()),
        "tickets", saas.tickets.all().stream().filter(t -> email.equalsIgnoreCase(String.valueOf(t.get("requester_email")))
            || subject.phone().equals(t.get("requester_phone"))).map(t -> t.get("id")).toList(),
        "contacts", saas.contacts.all().stream().filter(c -> email.equalsIgnoreCase(String.valueOf(c.get("email")))
            || subject.phone().equals(c.get("phone"))).map(c -> c.get("id")).toList());
  }

  /** A digest of every row of every store that is not the subject's ({@code subjects}: taken before the erasure). */
  private String othersChecksum(Subject subject, Map<String, List<Object>> subjects, Long... changedMessages) {
    var rows = new ArrayList<String>();
    rows.addAll(texts("select * from accounts.customer where id <> ? order by id", subject.customerId()));
    rows.addAll(texts("select * from accounts.invoice where customer_id <> ? order by id", subject.customerId()));
    rows.addAll(texts("select * from marketing.marketing_preference where customer_id <> ? order by id",
        subject.customerId()));
    for (var table : List.of("marketing.newsletter_subscription", "tracking.tracking_event")) {
      stores.queryForList("select * from " + table + " order by id").stream()
          .filter(r -> !subjects.get(table).contains(r.get("id"))).forEach(r -> rows.add(r.toString()));
    }
    var changed = List.of(changedMessages);
    stores.queryForList("select * from messaging.message_log order by id").stream()
        .filter(r -> !changed.contains(((Number) r.get("id")).longValue())).forEach(r -> rows.add(r.toString()));
    saas.tickets.all().stream().filter(t -> !subjects.get("tickets").contains(t.get("id"))).forEach(t -> rows.add(t.toString()));
    saas.contacts.all().stream().filter(c -> !subjects.get("contacts").contains(c.get("id"))).forEach(c -> rows.add(c.toString()));
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      rows.forEach(r -> digest.update(r.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return rows.size() + ":" + HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Object> ids(String sql, Object... args) {
    return stores.queryForList(sql, Object.class, args);
  }

  private static Instant instant(Object at) {
    return at instanceof java.time.OffsetDateTime o ? o.toInstant() : ((Timestamp) at).toInstant();
  }

  private List<String> texts(String sql, Object... args) {
    return stores.queryForList(sql, args).stream().map(Object::toString).toList();
  }
}
