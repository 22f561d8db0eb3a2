package org.dsrpipeline.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsrpipeline.connector.CollectionOutcome;
import org.dsrpipeline.connector.Correction;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.Scope;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.DataCollection;
import org.dsrpipeline.datamap.HttpSettings;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.datamap.Role;
import org.dsrpipeline.datamap.Store;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.support.DemoMaps;
import org.dsrpipeline.support.FakeSaas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo map's helpdesk (numbered pages) and CRM (next links) against a real local HTTP server. */
class HttpConnectorTest {

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final RequestRef REQUEST = RequestRef.of("DSR-2026-000042");
  private static final String ANNA_EMAIL = "ann@example.gr";
  private static final String ANNA_PHONE = "+306912345678";
  private static final SubjectIdentities ANNA = SubjectIdentities.of(IdentityType.EMAIL, ANNA_EMAIL)
      .and(IdentityType.PHONE, ANNA_PHONE);

  private final Pseudonymiser pseudonymiser = new Pseudonymiser(
      () -> "the test deployment's pseudonym key".getBytes(StandardCharsets.UTF_8));
  private FakeSaas saas;
  private Store helpdesk;
  private Store crm;

  @BeforeEach
  void start() {
    saas = FakeSaas.start();
    var map = DemoMaps.demo(saas.baseUrl(), new String[] {"jdbc:h2:mem:unused", "sa", ""});
    helpdesk = fast(map.store("helpdesk").orElseThrow(), 100);
    crm = fast(map.store("crm").orElseThrow(), 100);
    saas.tickets.add("requester_email", ANNA_EMAIL, "requester_name", "Anna Georgiou", "subject", "Invoice",
        "body", "Send invoice 2 again", "created_at", "2026-10-01T10:00:00Z");
    saas.tickets.add("requester_email", ANNA_EMAIL, "requester_phone", ANNA_PHONE, "subject", "Viber sender id",
        "created_at", "2026-05-01T10:00:00Z");
    saas.tickets.add("requester_phone", ANNA_PHONE, "subject", "Callback", "created_at", "2026-11-25T10:00:00Z");
    saas.tickets.add("requester_email", "joann@example.gr", "subject", "Password", "created_at", "2026-11-01T10:00:00Z");
    saas.tickets.add("requester_phone", "+30691234567", "subject", "Callback", "created_at", "2026-11-20T10:00:00Z");
    saas.contacts.add("email", ANNA_EMAIL, "phone", ANNA_PHONE, "full_name", "Anna Georgiou", "company",
        "Georgiou Travel", "notes", "Asked about Viber", "unsubscribed", false);
    saas.contacts.add("email", "joann@example.gr", "phone", "+306955501234", "full_name", "Ioanna Georgiou",
        "unsubscribed", false);
    saas.contacts.add("email", "ann@example.com", "phone", "+3069123456789", "full_name", "Nikos Anagnostou",
        "unsubscribed", false);
    saas.contacts.add("email", "ANN@Example.gr", "full_name", "A. Georgiou", "unsubscribed", false);
    saas.contacts.add("phone", ANNA_PHONE, "full_name", "Anna (mobile)", "unsubscribed", false);
  }

  @AfterEach
  void stop() {
    saas.close();
  }

  @Test
  void findsExactlyTheSubjectsRecordsAmongWhatASloppySearchAnswers() {
    var tickets = connector(helpdesk).find(REQUEST, ANNA);
    var contacts = connector(crm).find(REQUEST, ANNA);

    assertThat(tickets.collections()).singleElement().extracting(CollectionOutcome::found).isEqualTo(3L);
    assertThat(contacts.collections()).singleElement().extracting(CollectionOutcome::found).isEqualTo(3L);
  }

  @Test
  void followsNumberedPagesUntilAnEmptyOneAndNextLinksUntilThereIsNone() {
    connector(helpdesk).find(REQUEST, ANNA);
    var helpdeskPages = saas.calls().stream().filter(c -> c.path().equals("/demo/helpdesk/tickets")).toList();
    saas.clearCalls();
    connector(crm).find(REQUEST, ANNA);
    var crmPages = saas.calls();

    // email: tickets 1, 2 and Ioanna's (sloppy match) on pages 1-2, page 3 empty; phone: 3 tickets on pages 1-2, 3 empty
    assertThat(helpdeskPages).extracting(c -> c.query().get("page")).containsExactly("1", "2", "3", "1", "2", "3");
    assertThat(crmPages).extracting(c -> c.query().getOrDefault("cursor", "0")).containsExactly("0", "2", "0", "2");
    assertThat(crmPages).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("demo-crm-key"));
    assertThat(helpdeskPages).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer demo-helpdesk-token"));
  }

  @Test
  void exportHandsOverEveryDeclaredFieldOfEachRecordOnce() {
    var records = new ArrayList<Map<String, Object>>();

    var outcome = connector(crm).export(REQUEST, ANNA, (store, collection, record) -> records.add(record));

    assertThat(outcome.status()).isEqualTo(StoreOutcome.Status.OK);
    assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r).containsOnlyKeys("id", "email", "phone", "full_name",
        "company", "notes", "unsubscribed", "restricted"));
    assertThat(records).extracting(r -> r.get("full_name"))
        .containsExactlyInAnyOrder("Anna Georgiou", "A. Georgiou", "Anna (mobile)");
  }

  @Test
  void retriesAfter429HonouringRetryAfterAndAfter5xx() {
    saas.failNext(429, 1, "1");
    saas.failNext(503, 2, null);

    var outcome = connector(helpdesk).find(REQUEST, ANNA);

    assertThat(outcome.status()).isEqualTo(StoreOutcome.Status.OK);
    assertThat(outcome.found()).isEqualTo(3);
    var calls = saas.calls();
    assertThat(Duration.ofNanos(calls.get(1).nanoTime() - calls.get(0).nanoTime())).isGreaterThanOrEqualTo(
        Duration.ofMillis(950));
    assertThat(calls.subList(0, 4)).extracting(c -> c.query().get("page")).containsOnly("1");
  }

  @Test
  void givesUpAfterItsAttemptsWithAFailureThatNamesStoreAndCallButNoIdentity() {
    saas.failNext(503, 10, null);

    var outcome = connector(helpdesk).erase(REQUEST, ANNA);

    assertThat(outcome.status()).isEqualTo(StoreOutcome.Status.FAILED);
    assertThat(outcome.error()).isEqualTo("store helpdesk (" + saas.baseUrl() + "/demo/helpdesk): "
        + "GET /tickets?email={email}&page={page} answered 503 after 4 attempts");
    assertThat(saas.calls()).hasSize(4);
    assertThat(saas.tickets.all()).hasSize(5);
  }

  @Test
  void keepsToTheRateLimit() {
    var slow = crm.withHttp(settings(crm.http(), 5, 100));

    connector(slow).find(REQUEST, ANNA);

    // 5 a second: a slot every 200 ms, measured where the server receives them (some jitter)
    var calls = saas.calls();
    assertThat(calls).hasSize(4);
    for (int i = 1; i < calls.size(); i++) {
      assertThat(Duration.ofNanos(calls.get(i).nanoTime() - calls.get(i - 1).nanoTime()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
    assertThat(Duration.ofNanos(calls.get(3).nanoTime() - calls.get(0).nanoTime()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(560));
  }

  @Test
  void anIdentityCarryingUrlMetacharactersArrivesAsOneValue() {
    var email = "a+b&c=d/../?#@x.gr";
    var quoted = "o'brien\"; drop table contacts;--@x.gr";
    saas.contacts.add("email", email, "full_name", "Metachar One");
    saas.contacts.add("email", quoted, "full_name", "Metachar Two");

    var first = connector(crm).find(REQUEST, SubjectIdentities.of(IdentityType.EMAIL, email));
    var second = connector(crm).find(REQUEST, SubjectIdentities.of(IdentityType.EMAIL, quoted));

    assertThat(first.found()).isEqualTo(1);
    assertThat(second.found()).isEqualTo(1);
    assertThat(saas.calls()).extracting(c -> c.query().get("email")).containsExactly(email, quoted);
    assertThat(saas.calls()).allSatisfy(c -> assertThat(c.path()).isEqualTo("/demo/crm/contacts"));
  }

  @Test
  void eraseDeletesOrPseudonymisesAsTheMapSaysAndTwiceChangesNothing() {
    var tickets = connector(helpdesk).erase(REQUEST, ANNA);
    var contacts = connector(crm).erase(REQUEST, ANNA);

    assertThat(tickets.collections().get(0)).extracting(CollectionOutcome::found, CollectionOutcome::deleted)
        .containsExactly(3L, 3L);
    assertThat(saas.tickets.all()).extracting(t -> t.get("subject")).containsExactlyInAnyOrder("Password", "Callback");
    assertThat(contacts.collections().get(0)).extracting(CollectionOutcome::found, CollectionOutcome::pseudonymised,
        CollectionOutcome::blanked).containsExactly(3L, 3L, 3L);
    assertThat(saas.contacts.get(1)).containsEntry("email", pseudonymiser.pseudonym(ANNA_EMAIL))
        .containsEntry("phone", pseudonymiser.pseudonym(ANNA_PHONE)).containsEntry("full_name", null)
        .containsEntry("notes", null).containsEntry("unsubscribed", false);
    assertThat(saas.contacts.get(4)).containsEntry("email", pseudonymiser.pseudonym(ANNA_EMAIL));
    assertThat(saas.contacts.get(2)).containsEntry("email", "joann@example.gr").containsEntry("full_name",
        "Ioanna Georgiou");
    var contactsAfter = saas.contacts.all();
    saas.clearCalls();

    var again = List.of(connector(helpdesk).erase(REQUEST, ANNA), connector(crm).erase(REQUEST, ANNA));

    assertThat(again).allSatisfy(o -> assertThat(o.changedAnything()).as(o.summary()).isFalse());
    assertThat(saas.contacts.all()).isEqualTo(contactsAfter);
    assertThat(saas.calls()).isNotEmpty().allSatisfy(c -> assertThat(c.method()).isEqualTo("GET"));
  }

  @Test
  void restrictionIsMarkedOnceAndLifted() {
    var first = connector(crm).restrict(REQUEST, ANNA);
    var second = connector(crm).restrict(REQUEST, ANNA);

    assertThat(first.collections().get(0).restricted()).isEqualTo(3);
    assertThat(second.changedAnything()).isFalse();
    assertThat(saas.contacts.all()).filteredOn(c -> Boolean.TRUE.equals(c.get("restricted"))).hasSize(3);

    var lifted = connector(crm).unrestrict(REQUEST, ANNA);

    assertThat(lifted.collections().get(0).updated()).isEqualTo(3);
    assertThat(saas.contacts.all()).noneMatch(c -> Boolean.TRUE.equals(c.get("restricted")));
  }

  @Test
  void marketingIsSuppressedOnce() {
    var first = connector(crm).suppressMarketing(REQUEST, ANNA);
    var second = connector(crm).suppressMarketing(REQUEST, ANNA);

    assertThat(first.collections().get(0).updated()).isEqualTo(3);
    assertThat(second.changedAnything()).isFalse();
    assertThat(saas.contacts.get(2)).containsEntry("unsubscribed", false);
  }

  @Test
  void rectificationPatchesOnlyWhatDiffers() {
    var corrections = List.of(new Correction("crm.contacts.full_name", "Anna Georgiou"));

    var first = connector(crm).rectify(REQUEST, ANNA, corrections);
    var second = connector(crm).rectify(REQUEST, ANNA, corrections);

    assertThat(first.collections().get(0).updated()).isEqualTo(2);
    assertThat(second.changedAnything()).isFalse();
    assertThat(saas.contacts.get(5)).containsEntry("full_name", "Anna Georgiou");
    assertThat(saas.calls()).filteredOn(c -> c.method().equals("PATCH")).hasSize(2);
  }

  @Test
  void aStoreThatIsDownFailsWithAClearMessage() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var down = helpdesk.withHttp(helpdesk.http().withBaseUrl("http://127.0.0.1:" + closedPort + "/demo/helpdesk"));

    var outcome = connector(down).find(REQUEST, ANNA);

    assertThat(outcome.status()).isEqualTo(StoreOutcome.Status.FAILED);
    assertThat(outcome.error()).startsWith("store helpdesk (http://127.0.0.1:" + closedPort + "/demo/helpdesk): "
        + "GET /tickets?email={email}&page={page} cannot be reached (ConnectException").endsWith("after 4 attempts");
  }

  @Test
  void aWrongCredentialFailsTheStore() {
    var wrong = new HttpSettings(helpdesk.http().baseUrl(), "Authorization", "Bearer wrong", 100, 4,
        Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(5), "items", "", 1);

    var outcome = connector(helpdesk.withHttp(wrong)).find(REQUEST, ANNA);

    assertThat(outcome.error()).endsWith("GET /tickets?email={email}&page={page} answered 401");
    assertThat(saas.calls()).hasSize(1);
  }

  @Test
  void aPostThatMayHaveBeenCarriedOutIsNotRepeatedUnlessTheMapSaysItIsIdempotent() {
    var notIdempotent = crm.withHttp(crm.http().withIdempotentMethods(Set.of()));
    saas.failNextOn("POST", 503, 1);

    var outcome = connector(notIdempotent).restrict(REQUEST, ANNA);

    assertThat(outcome.status()).isEqualTo(StoreOutcome.Status.FAILED);
    assertThat(outcome.error()).contains("POST /contacts/{id}/restrict answered 503; not repeated")
        .contains("idempotent-methods").doesNotContain(ANNA_EMAIL);
    assertThat(saas.calls()).filteredOn(c -> c.method().equals("POST")).hasSize(1);

    saas.clearCalls();
    saas.failNextOn("POST", 503, 1);
    var idempotent = crm.withHttp(crm.http().withIdempotentMethods(Set.of("POST")));
    var retried = connector(idempotent).restrict(REQUEST, ANNA);

    assertThat(retried.status()).as(retried.error()).isEqualTo(StoreOutcome.Status.OK);
    assertThat(saas.calls()).filteredOn(c -> c.method().equals("POST")).hasSize(3 + 1);
    assertThat(saas.contacts.all()).filteredOn(c -> Boolean.TRUE.equals(c.get("restricted"))).hasSize(3);
  }

  @Test
  void aPatchIsRepeatedOnlyWhereTheMapSaysSo() {
    var corrections = List.of(new Correction("crm.contacts.full_name", "Anna Georgiou"));
    saas.failNextOn("PATCH", 502, 1);

    var outcome = connector(crm.withHttp(crm.http().withIdempotentMethods(Set.of()))).rectify(REQUEST, ANNA, corrections);

    assertThat(outcome.status()).isEqualTo(StoreOutcome.Status.FAILED);
    assertThat(saas.calls()).filteredOn(c -> c.method().equals("PATCH")).hasSize(1);
  }

  @Test
  void aResponseLargerThanItsBoundFailsTheStoreWithAClearError() {
    saas.tickets.add("requester_email", ANNA_EMAIL, "subject", "Log", "body", "x".repeat(50_000),
        "created_at", "2026-11-26T10:00:00Z");
    var bounded = helpdesk.withHttp(helpdesk.http().withMaxResponseBytes(20_000));

    var outcome = connector(bounded).find(REQUEST, ANNA);

    assertThat(outcome.status()).isEqualTo(StoreOutcome.Status.FAILED);
    assertThat(outcome.error()).isEqualTo("store helpdesk (" + saas.baseUrl() + "/demo/helpdesk): "
        + "GET /tickets?email={email}&page={page} answered a body larger than 20000 bytes (max-response-size in the data map)");
    assertThat(saas.calls()).as("the page is not asked again: the same answer would come back")
        .extracting(c -> c.query().get("page")).containsExactly("1", "2");
    assertThat(connector(helpdesk).find(REQUEST, ANNA).status()).as("the default bound, 10 MiB, lets it through")
        .isEqualTo(StoreOutcome.Status.OK);
  }

  @Test
  void anOperationLimitedToOneControllerFiltersTheRecordsFoundByTheControllerField() {
    // the CRM as if it were held as processor, its contacts' company naming the controller customer
    var contacts = crm.collections().get(0);
    var asProcessor = new Store(crm.name(), crm.kind(), Role.PROCESSOR, crm.description(), crm.jdbc(), crm.http(),
        crm.instructions(), crm.defaultInstructions(), crm.recipients(), List.of(new DataCollection(contacts.name(),
            contacts.key(), contacts.purpose(), contacts.legalBasis(), "company", contacts.retention(),
            contacts.restriction(), contacts.marketing(), contacts.endpoints(), contacts.fields())));
    var scoped = connector(asProcessor).within(Scope.controllers(Set.of("Georgiou Travel")));

    var found = scoped.find(REQUEST, ANNA);
    var restricted = scoped.restrict(REQUEST, ANNA);

    assertThat(found.collections()).singleElement().satisfies(c -> assertThat(c.found()).isEqualTo(1))
        .satisfies(c -> assertThat(c.controllers()).containsOnlyKeys("Georgiou Travel"));
    assertThat(restricted.collections()).singleElement().extracting(CollectionOutcome::restricted).isEqualTo(1L);
    assertThat(saas.contacts.all()).filteredOn(c -> Boolean.TRUE.equals(c.get("restricted")))
        .extracting(c -> c.get("full_name")).containsExactly("Anna Georgiou");
  }

  private HttpConnector connector(Store store) {
    return new HttpConnector(store, HttpClient.newBuilder().connectTimeout(store.http().connectTimeout()).build(),
        pseudonymiser, CLOCK);
  }

  /** The store with a short back-off, so that retry tests do not wait seconds. */
  private static Store fast(Store store, double rateLimit) {
    return store.withHttp(settings(store.http(), rateLimit, 20));
  }

  private static HttpSettings settings(HttpSettings s, double rateLimit, long backoffMillis) {
    return new HttpSettings(s.baseUrl(), s.authHeader(), s.authValue(), rateLimit, s.maxAttempts(),
        Duration.ofMillis(backoffMillis), s.connectTimeout(), s.requestTimeout(), s.items(), s.next(), s.firstPage(),
        s.idempotentMethods(), s.maxResponseBytes());
  }
}
