package org.dsrpipeline.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsrpipeline.demo.DemoSubjects.ANNA;
import static org.dsrpipeline.demo.DemoSubjects.ANNA_COOKIE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dsrpipeline.connector.manual.ManualActions;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.IdentityGraph;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.JdbcSettings;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.datamap.HttpSettings;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.demo.DemoSeeder;
import org.dsrpipeline.demo.DemoSubjects;
import org.dsrpipeline.support.AppDatabase;
import org.dsrpipeline.support.DemoMaps;
import org.dsrpipeline.support.FakeSaas;
import org.dsrpipeline.support.StoreDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every store of the demo map at once, each run on its own: the jdbc stores on PostgreSQL (dsr_stores_it),
 * the helpdesk and CRM on a real local HTTP server holding the demo's tickets and contacts, the paper
 * archive as manual actions in the application's database.
 */
class ConnectorRegistryTest {

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final RequestRef REQUEST = RequestRef.of("DSR-2026-000042");
  private static final SubjectIdentities GIVEN = SubjectIdentities.of(IdentityType.EMAIL, ANNA.email());

  private final Pseudonymiser pseudonymiser = new Pseudonymiser(
      () -> "the test deployment's pseudonym key".getBytes(StandardCharsets.UTF_8));
  private final ManualActions manual = new ManualActions(AppDatabase.freshH2(), CLOCK);
  private final JdbcDataSources pools = new JdbcDataSources();
  private FakeSaas saas;
  private DataMap map;

  @BeforeEach
  void seed() throws Exception {
    new DemoSeeder(StoreDatabase.dataSource(), CLOCK).seed(40, 1_500);
    saas = FakeSaas.start();
    saas.pageSize(20);
    var demo = new JdbcTemplate(StoreDatabase.dataSource());
    demo.queryForList("select * from demo_helpdesk.ticket order by id").forEach(t -> saas.tickets.add(
        "requester_email", t.get("requester_email"), "requester_name", t.get("requester_name"),
        "requester_phone", t.get("requester_phone"), "subject", t.get("subject"), "body", t.get("body"),
        "created_at", iso(t.get("created_at")), "restricted", t.get("restricted")));
    demo.queryForList("select * from demo_crm.contact order by id").forEach(c -> saas.contacts.add(
        "email", c.get("email"), "phone", c.get("phone"), "full_name", c.get("full_name"), "company", c.get("company"),
        "notes", c.get("notes"), "unsubscribed", c.get("unsubscribed"), "restricted", c.get("restricted")));
    map = DemoMaps.demo(saas.baseUrl());
  }

  @AfterEach
  void stop() {
    saas.close();
    pools.close();
  }

  @Test
  void fromAnEmailAloneTheRegistryFindsExactlyAnnasRecordsInEveryStore() {
    var registry = registry(map);

    var resolved = registry.resolve(GIVEN);
    var found = registry.find(REQUEST, resolved.identities());

    assertThat(resolved.identities().of(IdentityType.PHONE)).containsExactly(ANNA.phone());
    assertThat(resolved.identities().of(IdentityType.CUSTOMER_ID)).containsExactly("1");
    assertThat(resolved.identities().of(IdentityType.COOKIE_ID)).contains(ANNA_COOKIE);
    assertThat(resolved.unavailable()).isEmpty();
    assertThat(counts(found)).isEqualTo(Map.of(
        "customer-accounts", (long) 1 + DemoSubjects.ANNA_INVOICES,
        "message-log", (long) DemoSubjects.ANNA_MESSAGES,
        "marketing", (long) DemoSubjects.ANNA_NEWSLETTER + DemoSubjects.ANNA_PREFERENCES,
        "web-tracking", (long) DemoSubjects.ANNA_TRACKING,
        "helpdesk", (long) DemoSubjects.ANNA_TICKETS,
        "crm", (long) DemoSubjects.ANNA_CONTACTS,
        "paper-archive", 0L));
    assertThat(status(found)).containsEntry("paper-archive", StoreOutcome.Status.MANUAL_PENDING);
    assertThat(found.stream().filter(o -> o.store().equals("message-log")).findFirst().orElseThrow()
        .collections().get(0).controllers()).containsOnlyKeys("10", "11");
  }

  @Test
  void storesThatAreDownFailAloneAndTheOthersAnswer() {
    var accounts = map.store("customer-accounts").orElseThrow();
    var crm = map.store("crm").orElseThrow();
    var broken = new DataMap("test", map.stores().stream().map(s ->
        s == accounts ? s.withJdbc(new JdbcSettings("jdbc:postgresql://127.0.0.1:1/down", "dsr", "dsr", "accounts", 10))
            : s == crm ? s.withHttp(quickToGiveUp(crm.http().withBaseUrl("http://127.0.0.1:1/demo/crm"))) : s).toList());
    var registry = registry(broken);

    var resolved = registry.resolve(GIVEN.and(IdentityType.CUSTOMER_ID, "1"));
    var found = registry.find(REQUEST, resolved.identities());

    assertThat(resolved.unavailable()).containsOnlyKeys("customer-accounts", "crm");
    assertThat(status(found)).containsEntry("customer-accounts", StoreOutcome.Status.FAILED)
        .containsEntry("crm", StoreOutcome.Status.FAILED).containsEntry("message-log", StoreOutcome.Status.OK)
        .containsEntry("marketing", StoreOutcome.Status.OK).containsEntry("helpdesk", StoreOutcome.Status.OK);
    assertThat(error(found, "customer-accounts")).startsWith("store customer-accounts (jdbc:postgresql://127.0.0.1:1/down)");
    assertThat(error(found, "crm")).startsWith("store crm (http://127.0.0.1:1/demo/crm): GET /contacts?email={email} "
        + "cannot be reached");
    assertThat(counts(found).get("marketing")).isEqualTo(DemoSubjects.ANNA_NEWSLETTER + DemoSubjects.ANNA_PREFERENCES);
  }

  @Test
  void erasingEveryStoreTwiceChangesNothingTheSecondTime() {
    var registry = registry(map);
    var identities = registry.resolve(GIVEN).identities();

    var first = registry.erase(REQUEST, identities);
    var second = registry.erase(REQUEST, identities);
    var afterReResolving = registry.erase(REQUEST, registry.resolve(GIVEN).identities());

    assertThat(first).filteredOn(o -> !o.store().equals("paper-archive"))
        .allSatisfy(o -> assertThat(o.changedAnything()).as(o.summary()).isTrue());
    assertThat(second).allSatisfy(o -> assertThat(o.changedAnything()).as(o.summary()).isFalse());
    assertThat(afterReResolving).allSatisfy(o -> assertThat(o.changedAnything()).as(o.summary()).isFalse());
    assertThat(second).filteredOn(o -> o.store().equals("paper-archive")).singleElement()
        .satisfies(o -> assertThat(o.manualTask().actionId()).isEqualTo(first.get(6).manualTask().actionId()));
    assertThat(manual.list(null)).hasSize(1);
  }

  @Test
  void aJsonExportHoldsEveryStoresRecordsWithWhatTheLawAsksToBeToldBesideThem() throws Exception {
    var registry = registry(map);
    var identities = registry.resolve(GIVEN).identities();
    var out = new ByteArrayOutputStream();

    List<StoreOutcome> outcomes;
    try (var sink = new JsonExportSink(out, map)) {
      outcomes = registry.export(REQUEST, identities, sink);
    }

    var json = new ObjectMapper().readTree(out.toByteArray());
    var recordsPerStore = new HashMap<String, Long>();
    for (JsonNode store : json.get("stores")) {
      long records = 0;
      for (JsonNode collection : store.get("collections")) {
        records += collection.get("records").size();
        assertThat(collection.get("purpose").asText()).isNotBlank();
      }
      recordsPerStore.put(store.get("store").asText(), records);
    }
    var expected = new HashMap<>(counts(registry.find(REQUEST, identities)));
    expected.remove("paper-archive");
    assertThat(recordsPerStore).isEqualTo(expected);
    var messageLog = json.at("/stores/1");
    assertThat(messageLog.get("role").asText()).isEqualTo("processor");
    assertThat(messageLog.at("/collections/0/retention").asText()).startsWith("P24M from sent_at (legal-obligation): ");
    assertThat(messageLog.at("/collections/0/categories").toString()).contains("message-content");
    assertThat(status(outcomes)).containsEntry("paper-archive", StoreOutcome.Status.MANUAL_PENDING);
  }

  private ConnectorRegistry registry(DataMap map) {
    return new ConnectorRegistry(Connectors.of(map, pools, pseudonymiser, manual, CLOCK), new IdentityGraph(10, 200));
  }

  private static HttpSettings quickToGiveUp(HttpSettings s) {
    return new HttpSettings(s.baseUrl(), s.authHeader(), s.authValue(), s.rateLimit(), 2, Duration.ofMillis(10),
        s.connectTimeout(), s.requestTimeout(), s.items(), s.next(), s.firstPage(), s.idempotentMethods(),
        s.maxResponseBytes());
  }

  private static Map<String, Long> counts(List<StoreOutcome> outcomes) {
    return outcomes.stream().collect(Collectors.toMap(StoreOutcome::store, StoreOutcome::found));
  }

  private static Map<String, StoreOutcome.Status> status(List<StoreOutcome> outcomes) {
    return outcomes.stream().collect(Collectors.toMap(StoreOutcome::store, StoreOutcome::status));
  }

  private static String error(List<StoreOutcome> outcomes, String store) {
    return outcomes.stream().filter(o -> o.store().equals(store)).findFirst().orElseThrow().error();
  }

  private static String iso(Object timestamp) {
    return ((Timestamp) timestamp).toInstant().toString();
  }
}
