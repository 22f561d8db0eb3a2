package org.dsrpipeline.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsrpipeline.demo.DemoSubjects.ANASTASIA;
import static org.dsrpipeline.demo.DemoSubjects.ANNA;
import static org.dsrpipeline.demo.DemoSubjects.ANNA_COOKIE;
import static org.dsrpipeline.demo.DemoSubjects.IOANNA;
import static org.dsrpipeline.demo.DemoSubjects.NIKOS;
import static org.dsrpipeline.demo.DemoSubjects.UNLINKED_COOKIE;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dsrpipeline.connector.CollectionOutcome;
import org.dsrpipeline.connector.Correction;
import org.dsrpipeline.connector.JdbcDataSources;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.Scope;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.IdentityGraph;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.JdbcSettings;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.demo.DemoSeeder;
import org.dsrpipeline.demo.DemoSubjects;
import org.dsrpipeline.support.DemoMaps;
import org.dsrpipeline.support.StoreDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The jdbc stores of the demo map on the stores' own PostgreSQL database (dsr_stores_it), seeded with the
 * demo data: Anna and the subjects that look like her.
 */
class JdbcConnectorTest {

  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final RequestRef REQUEST = RequestRef.of("DSR-2026-000042");
  private static final List<String> JDBC_STORES = List.of("customer-accounts", "message-log", "marketing",
      "web-tracking");

  private final Pseudonymiser pseudonymiser = new Pseudonymiser(
      () -> "the test deployment's pseudonym key".getBytes(StandardCharsets.UTF_8));
  private final DataMap map = DemoMaps.demo("http://127.0.0.1:9");
  private final JdbcTemplate jdbc = new JdbcTemplate(StoreDatabase.dataSource());
  private final List<JdbcConnector> connectors = JDBC_STORES.stream()
      .map(name -> new JdbcConnector(map.store(name).orElseThrow(), StoreDatabase.dataSource(), pseudonymiser, CLOCK))
      .toList();

  @BeforeEach
  void seed() throws Exception {
    new DemoSeeder(StoreDatabase.dataSource(), CLOCK).seed(40, 1_500);
  }

  @Test
  void theGraphFollowsAnnasEmailToHerCustomerIdPhoneAndCookies() {
    var result = new IdentityGraph(10, 200).resolve(SubjectIdentities.of(IdentityType.EMAIL, " Ann@Example.gr"),
        connectors);

    var identities = result.identities();
    assertThat(identities.of(IdentityType.EMAIL)).containsExactly(ANNA.email());
    assertThat(identities.of(IdentityType.PHONE)).containsExactly(ANNA.phone());
    assertThat(identities.of(IdentityType.CUSTOMER_ID)).containsExactly("1");
    assertThat(identities.of(IdentityType.COOKIE_ID)).contains(ANNA_COOKIE).doesNotContain(UNLINKED_COOKIE);
    assertThat(result.unavailable()).isEmpty();
  }

  @Test
  void findCountsExactlyAnnasRecordsAndNamesTheControllersOfHerMessages() {
    var found = foundPerCollection(anna());

    assertThat(found).isEqualTo(Map.of("customer", 1L, "invoice", (long) DemoSubjects.ANNA_INVOICES,
        "message_log", (long) DemoSubjects.ANNA_MESSAGES, "newsletter_subscription", 1L,
        "marketing_preference", (long) DemoSubjects.ANNA_PREFERENCES,
        "tracking_event", (long) DemoSubjects.ANNA_TRACKING));
    var messageLog = connector("message-log").find(REQUEST, anna()).collections().get(0);
    assertThat(messageLog.controllers()).isEqualTo(Map.of("10", 7L, "11", 2L));
  }

  @Test
  void theLookAlikeSubjectsRecordsAreTheirsAndNeverAnnas() {
    for (var lookalike : List.of(IOANNA, ANASTASIA, NIKOS)) {
      var identities = SubjectIdentities.of(IdentityType.EMAIL, lookalike.email())
          .and(IdentityType.PHONE, lookalike.phone())
          .and(IdentityType.CUSTOMER_ID, Long.toString(lookalike.customerId()));

      var exported = export(identities);

      assertThat(exported).isNotEmpty().noneMatch(JdbcConnectorTest::holdsAnnasIdentity);
      assertThat(exported).filteredOn(r -> r.get("collection").equals("customer")).singleElement()
          .satisfies(r -> assertThat(r.get("id")).isEqualTo(lookalike.customerId()));
    }
    assertThat(export(anna())).allMatch(JdbcConnectorTest::holdsAnnasIdentity);
  }

  private static boolean holdsAnnasIdentity(Map<String, Object> record) {
    var values = List.of(String.valueOf(record.get("email")), String.valueOf(record.get("recipient_email")),
        String.valueOf(record.get("phone")), String.valueOf(record.get("recipient_phone")),
        String.valueOf(record.get("cookie_id")));
    return values.contains(ANNA.phone()) || values.stream().anyMatch(ANNA.email()::equalsIgnoreCase)
        || values.contains(ANNA_COOKIE) || values.contains("ck-" + ANNA.email().hashCode())
        || Long.valueOf(1).equals(record.get("customer_id"))
        || record.get("collection").equals("customer") && Long.valueOf(1).equals(record.get("id"));
  }

  @Test
  void exportHandsOverExactlyAnnasRecordsWithEveryDeclaredField() {
    var records = export(anna());

    var perCollection = records.stream().collect(Collectors.groupingBy(r -> (String) r.get("collection"),
        Collectors.counting()));
    assertThat(perCollection).isEqualTo(foundPerCollection(anna()));
    assertThat(records).filteredOn(r -> r.get("collection").equals("message_log")).allSatisfy(r ->
        assertThat(ANNA.phone().equals(r.get("recipient_phone"))
            || ANNA.email().equalsIgnoreCase((String) r.get("recipient_email"))).isTrue());
    assertThat(records).filteredOn(r -> r.get("collection").equals("customer")).singleElement().satisfies(r -> {
      assertThat(r).containsKeys("id", "full_name", "email", "phone", "company", "password_hash", "created_at",
          "restricted");
      assertThat(r.get("created_at")).asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    });
  }

  @Test
  void eraseAppliesTheMapsActionsAndKeepsWhatIsUnderRetentionWithTheReason() {
    var outcomes = collections(erase(anna()));

    assertThat(outcomes.get("customer")).extracting(CollectionOutcome::found, CollectionOutcome::deleted,
        CollectionOutcome::blanked, CollectionOutcome::pseudonymised, CollectionOutcome::kept)
        .containsExactly(1L, 0L, 1L, 1L, 0L);
    assertThat(outcomes.get("customer").note()).startsWith("fields kept by the data map: id (");
    var invoice = outcomes.get("invoice");
    assertThat(invoice).extracting(CollectionOutcome::found, CollectionOutcome::deleted, CollectionOutcome::kept)
        .containsExactly(3L, 1L, 2L);
    assertThat(invoice.keptReason()).isEqualTo("Accounting records are kept for 10 years under Greek tax and "
        + "accounting law");
    assertThat(invoice.keptUntil()).isEqualTo(NOW.minus(Duration.ofDays(30)).atOffset(ZoneOffset.UTC)
        .plus(Period.ofYears(10)).toInstant());
    var messages = outcomes.get("message_log");
    assertThat(messages).extracting(CollectionOutcome::found, CollectionOutcome::pseudonymised,
        CollectionOutcome::blanked, CollectionOutcome::kept, CollectionOutcome::deleted)
        .containsExactly(9L, 3L, 3L, (long) DemoSubjects.ANNA_MESSAGES_IN_RETENTION, 0L);
    assertThat(messages.keptReason()).startsWith("Message logs (numbers, body, sender id, time) are kept for 24 months");
    assertThat(messages.keptUntil()).isEqualTo(NOW.minus(Duration.ofDays(3)).atOffset(ZoneOffset.UTC)
        .plus(Period.ofMonths(24)).toInstant());
    assertThat(outcomes.get("newsletter_subscription").pseudonymised()).isEqualTo(1);
    assertThat(outcomes.get("marketing_preference").deleted()).isEqualTo(DemoSubjects.ANNA_PREFERENCES);
    assertThat(outcomes.get("tracking_event").deleted()).isEqualTo(DemoSubjects.ANNA_TRACKING);

    var customer = jdbc.queryForMap("select * from accounts.customer where id = 1");
    assertThat(customer).containsEntry("full_name", null).containsEntry("password_hash", null)
        .containsEntry("company", null)
        .containsEntry("email", pseudonymiser.pseudonym(ANNA.email()))
        .containsEntry("phone", pseudonymiser.pseudonym(ANNA.phone()));
    assertThat(jdbc.queryForObject("select count(*) from messaging.message_log where recipient_phone = ? "
        + "and body is not null", Long.class, ANNA.phone())).isEqualTo(5);
    assertThat(jdbc.queryForObject("select count(*) from messaging.message_log where recipient_phone = ? "
        + "and body is null and sent_at < ?", Long.class, pseudonymiser.pseudonym(ANNA.phone()),
        NOW.atOffset(ZoneOffset.UTC).minusMonths(24))).isEqualTo(3);
    assertThat(jdbc.queryForObject("select count(*) from accounts.invoice where customer_id = 1", Long.class))
        .isEqualTo(DemoSubjects.ANNA_INVOICES_IN_RETENTION);
    assertThat(jdbc.queryForObject("select count(*) from tracking.tracking_event where cookie_id = ?", Long.class,
        UNLINKED_COOKIE)).isEqualTo(1);
  }

  @Test
  void eraseLeavesTheLookAlikeSubjectsAlone() {
    var before = lookAlikeRows();

    erase(anna());

    assertThat(lookAlikeRows()).isEqualTo(before);
  }

  @Test
  void erasingTwiceChangesNothingTheSecondTime() {
    var identities = anna();
    erase(identities);
    var afterFirst = snapshot();

    var second = erase(identities);
    var fromScratch = erase(new IdentityGraph(10, 200).resolve(SubjectIdentities.of(IdentityType.EMAIL, ANNA.email()),
        connectors).identities());

    assertThat(second).allSatisfy(o -> assertThat(o.changedAnything()).as(o.summary()).isFalse());
    assertThat(fromScratch).allSatisfy(o -> assertThat(o.changedAnything()).as(o.summary()).isFalse());
    assertThat(collections(second).get("message_log").kept()).isEqualTo(DemoSubjects.ANNA_MESSAGES_IN_RETENTION);
    assertThat(snapshot()).isEqualTo(afterFirst);
  }

  @Test
  void anIdentityCarryingSqlMetacharactersIsHandledAsData() {
    var nasty = "o'brien\"; drop table accounts.customer;--@x.gr";
    var other = "a+b&c=d/../?#@x.gr";
    jdbc.update("insert into accounts.customer (id, full_name, email, phone, created_at) values (1000, 'O''Brien', ?, "
        + "'+306900000001', ?), (1001, 'A B', ?, '+306900000002', ?)", nasty, NOW.atOffset(ZoneOffset.UTC), other,
        NOW.atOffset(ZoneOffset.UTC));
    var customers = connector("customer-accounts");

    var found = customers.find(REQUEST, SubjectIdentities.of(IdentityType.EMAIL, nasty));
    var erased = customers.erase(REQUEST, SubjectIdentities.of(IdentityType.EMAIL, nasty));

    assertThat(found.collections().get(0).found()).isEqualTo(1);
    assertThat(collections(List.of(erased)).get("customer").pseudonymised()).isEqualTo(1);
    assertThat(jdbc.queryForObject("select email from accounts.customer where id = 1000", String.class))
        .isEqualTo(pseudonymiser.pseudonym(nasty));
    assertThat(jdbc.queryForObject("select email from accounts.customer where id = 1001", String.class))
        .isEqualTo(other);
    assertThat(jdbc.queryForObject("select count(*) from accounts.customer", Long.class)).isEqualTo(42);
    assertThat(customers.find(REQUEST, SubjectIdentities.of(IdentityType.EMAIL, other)).found()).isEqualTo(1);
    assertThat(customers.find(REQUEST, SubjectIdentities.of(IdentityType.CUSTOMER_ID, "1 or 1=1")).found()).isZero();
  }

  @Test
  void restrictionMarksEachRecordOnceAndUnrestrictionLiftsIt() {
    var first = collections(each(c -> c.restrict(REQUEST, anna())));
    var second = each(c -> c.restrict(REQUEST, anna()));

    assertThat(first.get("message_log").restricted()).isEqualTo(DemoSubjects.ANNA_MESSAGES);
    assertThat(first.get("message_log").found()).isEqualTo(DemoSubjects.ANNA_MESSAGES);
    assertThat(first.get("customer").restricted()).isEqualTo(1);
    assertThat(second).allSatisfy(o -> assertThat(o.changedAnything()).isFalse());
    assertThat(jdbc.queryForObject("select count(*) from messaging.message_log where restricted", Long.class))
        .isEqualTo(DemoSubjects.ANNA_MESSAGES);

    var lifted = collections(each(c -> c.unrestrict(REQUEST, anna())));

    assertThat(lifted.get("message_log").updated()).isEqualTo(DemoSubjects.ANNA_MESSAGES);
    assertThat(jdbc.queryForObject("select count(*) from messaging.message_log where restricted", Long.class)).isZero();
    assertThat(each(c -> c.unrestrict(REQUEST, anna()))).allSatisfy(o -> assertThat(o.changedAnything()).isFalse());
  }

  @Test
  void aRestrictionLimitedToCollectionsLeavesTheStoresOtherCollectionsAsTheyWere() {
    var accounts = connector("customer-accounts");

    var limited = collections(List.of(accounts.within(Scope.collections(Set.of("customer"))).restrict(REQUEST, anna())));

    assertThat(limited.get("customer").restricted()).isEqualTo(1);
    assertThat(limited).doesNotContainKey("invoice");
    assertThat(jdbc.queryForObject("select count(*) from accounts.invoice where restricted", Long.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from accounts.customer where restricted", Long.class)).isEqualTo(1);
  }

  @Test
  void anOperationLimitedToOneControllerActsOnlyOnThatControllersRecords() {
    var messages = connector("message-log");
    var perController = messages.find(REQUEST, anna()).collections().get(0).controllers();
    assertThat(perController).as("Anna's messages come from several controller customers").hasSizeGreaterThan(1);
    var chosen = perController.keySet().iterator().next();

    var scoped = messages.within(Scope.controllers(Set.of(chosen)));
    var found = scoped.find(REQUEST, anna()).collections().get(0);
    var restricted = scoped.restrict(REQUEST, anna()).collections().get(0);

    assertThat(found.found()).isEqualTo(perController.get(chosen));
    assertThat(found.controllers()).containsOnlyKeys(chosen);
    assertThat(restricted.restricted()).isEqualTo(perController.get(chosen));
    assertThat(jdbc.queryForList("select distinct sender_customer_id from messaging.message_log where restricted",
        Object.class)).extracting(String::valueOf).containsExactly(chosen);
    assertThat(connector("customer-accounts").within(Scope.controllers(Set.of(chosen))).restrict(REQUEST, anna())
        .collections()).as("a store of no controller has nothing in a controller's scope").isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from accounts.customer where restricted", Long.class)).isZero();
  }

  @Test
  void aControllerCustomersContactIsReadByItsKey() {
    var anna = String.valueOf(DemoSubjects.ANNA.customerId());

    var contacts = connector("customer-accounts").readByKey("customer", Set.of(anna, "999999", "not a number"),
        List.of("email", "company"));

    assertThat(contacts).containsOnlyKeys(anna);
    assertThat(contacts.get(anna)).containsEntry("email", DemoSubjects.ANNA.email())
        .containsEntry("company", DemoSubjects.ANNA.company());
  }

  @Test
  void aTagRestrictionKeepsTheRecordsOtherTags() {
    jdbc.update("update tracking.tracking_event set labels = 'campaign-2025' where customer_id = ?", DemoSubjects.ANNA.customerId());
    var tracking = connector("web-tracking");

    var first = collections(List.of(tracking.restrict(REQUEST, anna())));
    var second = tracking.restrict(REQUEST, anna());

    assertThat(first.get("tracking_event").restricted()).isEqualTo(DemoSubjects.ANNA_TRACKING);
    assertThat(second.changedAnything()).isFalse();
    assertThat(jdbc.queryForList("select distinct labels from tracking.tracking_event where customer_id = ?", String.class,
        DemoSubjects.ANNA.customerId())).containsExactly("campaign-2025,restricted");
    assertThat(jdbc.queryForObject("select count(*) from tracking.tracking_event where labels like '%restricted%'",
        Long.class)).isEqualTo(DemoSubjects.ANNA_TRACKING);

    var lifted = collections(List.of(tracking.unrestrict(REQUEST, anna())));

    assertThat(lifted.get("tracking_event").updated()).isEqualTo(DemoSubjects.ANNA_TRACKING);
    assertThat(jdbc.queryForList("select distinct labels from tracking.tracking_event where customer_id = ?", String.class,
        DemoSubjects.ANNA.customerId())).containsExactly("campaign-2025");
    assertThat(tracking.unrestrict(REQUEST, anna()).changedAnything()).isFalse();
  }

  @Test
  void marketingSuppressionSetsTheMapsValueOnce() {
    var first = collections(each(c -> c.suppressMarketing(REQUEST, anna())));

    assertThat(first).containsOnlyKeys("newsletter_subscription", "marketing_preference");
    assertThat(first.get("newsletter_subscription").updated()).isEqualTo(1);
    assertThat(first.get("marketing_preference").updated()).isEqualTo(2);
    assertThat(jdbc.queryForObject("select opted_out from marketing.newsletter_subscription where email = ?",
        Boolean.class, ANNA.email())).isTrue();
    assertThat(jdbc.queryForObject("select count(*) from marketing.marketing_preference where customer_id = 1 "
        + "and consent", Long.class)).isZero();
    assertThat(jdbc.queryForObject("select opted_out from marketing.newsletter_subscription where email = ?",
        Boolean.class, IOANNA.email())).isFalse();
    assertThat(each(c -> c.suppressMarketing(REQUEST, anna()))).allSatisfy(o ->
        assertThat(o.changedAnything()).isFalse());
  }

  @Test
  void rectificationChangesTheNamedFieldsOnce() {
    var corrections = List.of(new Correction("customer-accounts.customer.full_name", "Anna Georgiou-Papa"),
        new Correction("email", " Anna.Georgiou@Example.gr"));

    var first = collections(each(c -> c.rectify(REQUEST, anna(), corrections)));

    assertThat(first).containsOnlyKeys("customer", "newsletter_subscription");
    assertThat(first.get("customer").updated()).isEqualTo(1);
    assertThat(jdbc.queryForMap("select full_name, email from accounts.customer where id = 1"))
        .containsEntry("full_name", "Anna Georgiou-Papa").containsEntry("email", "anna.georgiou@example.gr");
    assertThat(jdbc.queryForObject("select count(*) from marketing.newsletter_subscription where email = ?", Long.class,
        "anna.georgiou@example.gr")).isEqualTo(1);
    var again = anna().and(IdentityType.EMAIL, "anna.georgiou@example.gr");
    assertThat(each(c -> c.rectify(REQUEST, again, corrections))).allSatisfy(o ->
        assertThat(o.changedAnything()).isFalse());
  }

  @Test
  void aDatabaseThatIsDownFailsItsStoreWithAClearMessage() {
    var store = map.store("customer-accounts").orElseThrow();
    var down = store.withJdbc(new JdbcSettings("jdbc:postgresql://127.0.0.1:1/nowhere?password=secret", "dsr",
        "secret", "accounts", 100));
    try (var pools = new JdbcDataSources()) {
      var connector = new JdbcConnector(down, pools.get(down.jdbc().url(), "dsr", "secret"), pseudonymiser, CLOCK);

      var outcome = connector.erase(REQUEST, anna());

      assertThat(outcome.status()).isEqualTo(StoreOutcome.Status.FAILED);
      assertThat(outcome.error()).startsWith("store customer-accounts (jdbc:postgresql://127.0.0.1:1/nowhere): ")
          .contains("refused").doesNotContain("secret");
      assertThat(outcome.summary()).startsWith("erase customer-accounts FAILED: store customer-accounts");
    }
  }

  // ---- helpers ----

  private SubjectIdentities anna() {
    return SubjectIdentities.of(IdentityType.EMAIL, ANNA.email()).and(IdentityType.PHONE, ANNA.phone())
        .and(IdentityType.CUSTOMER_ID, "1").and(IdentityType.COOKIE_ID, ANNA_COOKIE,
            "ck-" + ANNA.email().hashCode());
  }

  private JdbcConnector connector(String store) {
    return connectors.get(JDBC_STORES.indexOf(store));
  }

  private List<StoreOutcome> each(java.util.function.Function<JdbcConnector, StoreOutcome> operation) {
    var outcomes = connectors.stream().map(operation).toList();
    assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.summary()).isEqualTo(StoreOutcome.Status.OK));
    return outcomes;
  }

  private List<StoreOutcome> erase(SubjectIdentities identities) {
    return each(c -> c.erase(REQUEST, identities));
  }

  private static Map<String, CollectionOutcome> collections(List<StoreOutcome> outcomes) {
    var all = new LinkedHashMap<String, CollectionOutcome>();
    outcomes.forEach(o -> o.collections().forEach(c -> all.put(c.collection(), c)));
    return all;
  }

  private Map<String, Long> foundPerCollection(SubjectIdentities identities) {
    return collections(each(c -> c.find(REQUEST, identities))).values().stream()
        .collect(Collectors.toMap(CollectionOutcome::collection, CollectionOutcome::found));
  }

  private List<Map<String, Object>> export(SubjectIdentities identities) {
    var records = new ArrayList<Map<String, Object>>();
    each(c -> c.export(REQUEST, identities, (store, collection, record) -> {
      var copy = new LinkedHashMap<String, Object>(record);
      copy.put("collection", collection);
      records.add(copy);
    }));
    return records;
  }

  private List<Map<String, Object>> lookAlikeRows() {
    var rows = new ArrayList<Map<String, Object>>();
    for (var lookalike : List.of(IOANNA, ANASTASIA, NIKOS)) {
      rows.addAll(jdbc.queryForList("select * from accounts.customer where id = ?", lookalike.customerId()));
      rows.addAll(jdbc.queryForList("select * from messaging.message_log where recipient_phone = ? "
          + "or recipient_email = ? order by id", lookalike.phone(), lookalike.email()));
      rows.addAll(jdbc.queryForList("select * from marketing.newsletter_subscription where email = ?",
          lookalike.email()));
      rows.addAll(jdbc.queryForList("select * from tracking.tracking_event where customer_id = ? order by id",
          lookalike.customerId()));
    }
    return rows;
  }

  private List<List<Map<String, Object>>> snapshot() {
    return List.of("accounts.customer", "accounts.invoice", "messaging.message_log", "marketing.newsletter_subscription",
            "marketing.marketing_preference", "tracking.tracking_event").stream()
        .map(table -> jdbc.queryForList("select * from " + table + " order by id")).toList();
  }
}
