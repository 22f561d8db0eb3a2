package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.workflow.PackageProcess;
import org.dsrpipeline.workflow.RightProcess;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Access from POST /api/requests to the download, on the demo stores (jdbc, and a local helpdesk and CRM): the DPO's
 * tasks completed over the engine REST API with exactly their forms' variables, the package unzipped and read.
 */
class AccessIT extends IntegrationTest {

  /** A subject no erasure of another test touched (its email pseudonymised, its name blanked). */
  static final String NOT_ERASED = "c.full_name is not null and c.email like '%@%.%' and ";
  /** Subjects taken by a test of this class or PortabilityIT: each files its requests with a subject of its own. */
  static final java.util.Set<Long> TAKEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A seeded subject matching {@code where} that no other package test took. */
  static DemoStoreRows.Subject subject(DemoStoreRows stores, String where) {
    var taken = TAKEN.isEmpty() ? "" : " and c.id not in (" + String.join(",", TAKEN.stream().map(String::valueOf)
        .toList()) + ")";
    var subject = stores.subject(NOT_ERASED + where + taken);
    TAKEN.add(subject.customerId());
    return subject;
  }
  private static final Pattern NONCE = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"");

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired org.camunda.bpm.engine.HistoryService history;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate app;
  @Autowired org.dsrpipeline.delivery.Downloads downloads;

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
  void theSubjectGetsEveryStoresDataWithTheFactsOfArticle15AndNobodyElses() throws IOException {
    var subject = subject(stores, "exists (select 1 from accounts.invoice i where i.customer_id = c.id) "
        + "and exists (select 1 from tracking.tracking_event t where t.customer_id = c.id)");
    stores.saas.tickets.add("requester_email", subject.email(), "requester_name", "Helpdesk copy", "requester_phone",
        null, "subject", "Credits", "body", "How many credits do I have left?", "created_at", "2026-01-05T10:00:00Z",
        "restricted", false);
    var before = stores.snapshot();
    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));

    var reference = flow.fileAndConfirm(Map.of("type", "ACCESS", "email", subject.email(), "language", "en"));
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));
    flow.answerManualAction(reference, "EXPORT");
    var review = await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(reference).taskDefinitionKey(PackageProcess.TASK_REVIEW_ACCESS_PACKAGE)
        .singleResult(), Objects::nonNull);
    assertThat(tasks.getVariable(review.getId(), PackageProcess.PACKAGE_PATH))
        .isEqualTo("/dpo/requests/" + reference + "/access-package");

    var view = flow.api().as("dpo").exchange("/api/dpo/requests/" + reference + "/access-package", HttpMethod.GET,
        null, DsrApi.MAP).getBody();
    assertThat(view.get("status")).isEqualTo("REVIEW");
    var page = flow.api().as("dpo").getForEntity("/dpo/requests/" + reference + "/access-package", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("invoice", "Download the package");
    var reviewed = unzip(flow.api().as("dpo").getForEntity("/api/dpo/requests/" + reference
        + "/access-package/download", byte[].class).getBody());
    assertThat(reviewed.get("data.json")).contains(subject.email(), "\"invoice\"", "How many credits");

    var excluded = flow.api().as("dpo").postForEntity("/api/dpo/requests/" + reference + "/access-package/exclusions",
        Map.of("store", "helpdesk", "collection", "tickets", "reason", "The ticket quotes another customer"),
        String.class);
    assertThat(excluded.getStatusCode()).as(excluded.getBody()).isEqualTo(HttpStatus.OK);
    var refused = flow.api().as("dpo").postForEntity("/api/dpo/requests/" + reference + "/access-package/exclusions",
        Map.of("store", "helpdesk", "collection", "tickets"), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    flow.api().completeOk("dpo", review, Map.of(PackageProcess.PACKAGE_APPROVED, true));

    var completed = flow.awaitMail("has been completed");
    var link = Mails.linkPath(completed, "/download/");
    var html = new org.springframework.http.HttpHeaders();
    html.setAccept(java.util.List.of(org.springframework.http.MediaType.TEXT_HTML));
    var statusPage = http.exchange(Mails.linkPath(completed, "/status/"), org.springframework.http.HttpMethod.GET,
        new org.springframework.http.HttpEntity<>(html), String.class).getBody();
    assertThat(statusPage).contains("id=\"download\"", "href=\"http://localhost:8080" + link + "\"");
    var downloadPage = http.getForEntity(link, String.class);
    assertThat(downloadPage.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(downloadPage.getBody()).contains("email address you made the request with");

    var wrong = post(link, "someone.else@example.org", downloadPage.getBody());
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(new String(wrong.getBody(), StandardCharsets.UTF_8)).contains("That is not the email address")
        .doesNotContain(subject.email());
    var forged = postWithNonce(link, subject.email(), "forged");
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    var right = post(link, subject.email().toUpperCase(java.util.Locale.ROOT), downloadPage.getBody());
    assertThat(right.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(right.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("application/zip"));
    var zip = unzip(right.getBody());
    assertThat(zip).containsOnlyKeys("report.html", "data.json");
    var report = zip.get("report.html");
    var data = zip.get("data.json");
    var invoices = stores.stores.queryForList("select vat_number from accounts.invoice where customer_id = ?",
        String.class, subject.customerId());
    assertThat(report).contains(subject.email(), "Purposes of the processing", "Recipients", "How long we keep it",
        "Where the data came from", "rectify", "erase", "restrict", "object", "supervisory authority",
        "automated processing", "Accounting records are kept for 10 years", "concern other people",
        "searched them by hand");
    assertThat(data).contains(subject.email(), "\"legalBasis\"", "\"purpose\"");
    invoices.stream().filter(Objects::nonNull).forEach(vat -> assertThat(data).contains(vat));
    assertThat(data).as("the excluded helpdesk ticket").doesNotContain("How many credits");
    assertThat(report).doesNotContain("How many credits");
    for (var other : stores.stores.queryForList("select email from accounts.customer where id <> ? and email is not "
        + "null", String.class, subject.customerId())) {
      assertThat(data).as("another customer's email").doesNotContain("\"" + other + "\"");
      assertThat(report).doesNotContain(">" + other + "<");
    }

    stores.othersUnchanged(before, subject);
    assertThat(flow.api().events(reference, "PACKAGE_EXCLUSION")).hasSize(1);
    assertThat(flow.api().events(reference, "PERSONAL_DATA_READ")).extracting(e -> (String) e.get("outcome"))
        .anyMatch(o -> o.contains("review package"));
    assertThat(flow.api().events(reference, "PACKAGE_RELEASED")).hasSize(1);
    assertThat(flow.api().events(reference, "PACKAGE_DOWNLOAD_REFUSED")).hasSize(1);
    assertThat(flow.api().events(reference, "PACKAGE_DOWNLOADED")).hasSize(1);
    assertThat(app.queryForObject("select count(*) from dsr_package p join dsr_request r on r.id = p.request_id "
        + "where r.reference = ? and p.kind <> 'RELEASED'", Long.class, reference))
        .as("the exports and the review package are deleted at release").isZero();
    assertThat(app.queryForList("select c.data from dsr_package_chunk c join dsr_package p on p.id = c.package_id "
        + "join dsr_request r on r.id = p.request_id where r.reference = ?", byte[].class, reference))
        .isNotEmpty().noneMatch(bytes -> new String(bytes, StandardCharsets.ISO_8859_1).contains(subject.email()));
    assertThat(new RightsHistory(history).variableValues(reference)).isNotEmpty()
        .noneMatch(v -> v.contains(subject.email()) || v.contains(subject.phone().substring(3)));

    // once the link has expired the page says so and the package is deleted (the exclusions stay as evidence)
    app.update("update dsr_package set expires_at = ? where request_id = (select id from dsr_request where "
        + "reference = ?)", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)), reference);
    assertThat(http.getForEntity(link, String.class).getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(post(link, subject.email(), downloadPage.getBody()).getStatusCode()).isEqualTo(HttpStatus.GONE);
    downloads.expired().forEach(downloads::deleteExpired);
    assertThat(app.queryForObject("select count(*) from dsr_package p join dsr_request r on r.id = p.request_id "
        + "where r.reference = ?", Long.class, reference)).isZero();
    assertThat(app.queryForObject("select count(*) from dsr_package_exclusion e join dsr_request r on "
        + "r.id = e.request_id where r.reference = ?", Long.class, reference)).isOne();
    assertThat(flow.api().events(reference, "PACKAGE_EXPIRED")).hasSize(1);
  }

  @Test
  void aStoreThatFailsDuringTheExportHoldsThePackageBackUntilItsIncidentIsRetried() throws IOException {
    var subject = subject(stores, "exists (select 1 from marketing.marketing_preference p where p.customer_id = c.id)");
    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));
    var reference = flow.fileAndConfirm(Map.of("type", "ACCESS", "email", subject.email(), "language", "el"));
    stores.stores.execute("alter table marketing.marketing_preference rename to marketing_preference_gone");
    try {
      flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"),
          Map.of("decision", "proceed"));
      // the store is down while the identities are resolved too: the DPO accepts those found in the other stores
      flow.api().completeOk("dpo", flow.api().awaitTask(reference, RightProcess.TASK_CHECK_SUBJECT_IDENTITIES),
          Map.of(RightProcess.IDENTITIES_DECISION, RightProcess.IDENTITIES_ACCEPT_AS_FOUND,
              RightProcess.IDENTITIES_NOTE, "The marketing store is down; the accounts identify the customer"));
      flow.answerManualAction(reference, "EXPORT");
      var incident = await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createIncidentQuery()
          .activityId(RightProcess.TASK_RUN_STORE_OPERATION).list().stream()
          .filter(i -> reference.equals(runtime.createProcessInstanceQuery().processInstanceId(
              i.getProcessInstanceId()).singleResult().getBusinessKey())).findFirst().orElse(null), Objects::nonNull);
      assertThat(runtime.getVariable(incident.getProcessInstanceId(), RightProcess.STORE)).isEqualTo("marketing");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(flow.storeOutcomes(reference).stream()
          .filter(o -> "EXPORT".equals(o.get("operation")) && !"marketing".equals(o.get("store")))
          .map(o -> o.get("status"))).isNotEmpty().allMatch(s -> "OK".equals(s) || "HANDLED_WITH_CONTROLLER".equals(s)));
      assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference)
          .taskDefinitionKey(PackageProcess.TASK_REVIEW_ACCESS_PACKAGE).count()).isZero();
      assertThat(flow.api().as("dpo").exchange("/api/dpo/requests/" + reference + "/access-package", HttpMethod.GET,
          null, DsrApi.MAP).getBody().get("status")).isEqualTo("EXPORTING");
      assertThat(flow.api().as("dpo").getForEntity("/api/dpo/requests/" + reference + "/access-package/download",
          String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

      stores.stores.execute("alter table marketing.marketing_preference_gone rename to marketing_preference");
      management.setJobRetries(incident.getConfiguration(), 1);
    } finally {
      if (stores.stores.queryForObject("select count(*) from information_schema.tables where lower(table_name) = "
          + "'marketing_preference_gone'", Long.class) > 0) {
        stores.stores.execute("alter table marketing.marketing_preference_gone rename to marketing_preference");
      }
    }
    var review = flow.api().awaitTask(reference, PackageProcess.TASK_REVIEW_ACCESS_PACKAGE);
    var reviewed = unzip(flow.api().as("dpo").getForEntity("/api/dpo/requests/" + reference
        + "/access-package/download", byte[].class).getBody());
    assertThat(reviewed.get("data.json")).contains("\"marketing_preference\"");
    assertThat(reviewed.get("report.html")).as("in the request's language").contains("lang=\"el\"",
        "Σκοποί της επεξεργασίας", "Αυτοματοποιημένη λήψη αποφάσεων", "εποπτική αρχή");
    flow.api().completeOk("dpo", review, Map.of(PackageProcess.PACKAGE_APPROVED, true, "outcomeSummary",
        "Σας στέλνουμε όλα τα δεδομένα σας."));

    var completed = flow.awaitMail("ολοκληρώθηκε");
    assertThat(Mails.body(completed)).contains("Σας στέλνουμε όλα τα δεδομένα σας.", "/download/");
    var link = Mails.linkPath(completed, "/download/");
    var page = http.getForEntity(link, String.class);
    assertThat(page.getBody()).contains("Λήψη");
    var zip = unzip(post(link, subject.email(), page.getBody()).getBody());
    assertThat(zip.get("data.json")).contains("\"marketing_preference\"", subject.email());

    // wrong addresses are slowed: from the third on, the link waits (429 with Retry-After), the right address too
    assertThat(post(link, "a@example.org", page.getBody()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post(link, "b@example.org", page.getBody()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    var third = post(link, "c@example.org", page.getBody());
    assertThat(third.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(third.getHeaders().getFirst("Retry-After")).isNotNull();
    var slowed = post(link, subject.email(), page.getBody());
    assertThat(slowed.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(Long.parseLong(slowed.getHeaders().getFirst("Retry-After"))).isBetween(1L, 61L);
    assertThat(slowed.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(new RightsHistory(history).variableValues(reference)).isNotEmpty()
        .noneMatch(v -> v.contains(subject.email()) || v.contains(subject.phone().substring(3)));
  }

  @Test
  void theHelpdeskAndCrmAnswering503HoldThePackageBackUntilTheyAreBackAndTheIncidentsAreRetried() {
    var subject = subject(stores, "exists (select 1 from demo_crm.contact k where k.email = c.email)");
    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));
    var reference = flow.fileAndConfirm(Map.of("type", "ACCESS", "email", subject.email(), "language", "en"));
    stores.saas.failNextOn("GET", 503, 100_000);
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, RightProcess.TASK_CHECK_SUBJECT_IDENTITIES),
        Map.of(RightProcess.IDENTITIES_DECISION, RightProcess.IDENTITIES_ACCEPT_AS_FOUND,
            RightProcess.IDENTITIES_NOTE, "The helpdesk and the CRM are down; the accounts identify the customer"));
    flow.answerManualAction(reference, "EXPORT");

    var incidents = await().atMost(Duration.ofSeconds(90)).until(() -> runtime.createIncidentQuery()
        .activityId(RightProcess.TASK_RUN_STORE_OPERATION).list().stream()
        .filter(i -> reference.equals(runtime.createProcessInstanceQuery().processInstanceId(i.getProcessInstanceId())
            .singleResult().getBusinessKey())).toList(), list -> list.size() == 2);
    assertThat(incidents).extracting(i -> runtime.getVariable(i.getProcessInstanceId(), RightProcess.STORE))
        .containsExactlyInAnyOrder("helpdesk", "crm");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey(PackageProcess.TASK_REVIEW_ACCESS_PACKAGE).count()).isZero();
    assertThat(flow.api().as("dpo").exchange("/api/dpo/requests/" + reference + "/access-package", HttpMethod.GET,
        null, DsrApi.MAP).getBody().get("status")).isEqualTo("EXPORTING");

    stores.saas.clearFailures();
    incidents.forEach(i -> management.setJobRetries(i.getConfiguration(), 1));
    var review = flow.api().awaitTask(reference, PackageProcess.TASK_REVIEW_ACCESS_PACKAGE);
    assertThat(flow.storeOutcomes(reference)).filteredOn(o -> "EXPORT".equals(o.get("operation")))
        .extracting(o -> o.get("store") + " " + o.get("status")).contains("helpdesk OK", "crm OK");
    flow.api().completeOk("dpo", review, Map.of(PackageProcess.PACKAGE_APPROVED, true));
    assertThat(Mails.body(flow.awaitMail("has been completed"))).contains("/download/");
  }

  private ResponseEntity<byte[]> post(String link, String email, String page) {
    var matcher = NONCE.matcher(page);
    assertThat(matcher.find()).as("the page's form nonce").isTrue();
    return postWithNonce(link, email, matcher.group(1));
  }

  private ResponseEntity<byte[]> postWithNonce(String link, String email, String nonce) {
    var form = new LinkedMultiValueMap<String, String>();
    form.add("email", email);
    form.add("nonce", nonce);
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.exchange(link, HttpMethod.POST, new HttpEntity<>(form, headers), byte[].class);
  }

  static Map<String, String> unzip(byte[] bytes) throws IOException {
    assertThat(bytes).isNotNull();
    var files = new LinkedHashMap<String, String>();
    try (var zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
