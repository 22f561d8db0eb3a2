package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dsrpipeline.demo.DemoSubjects.ANNA;
import static org.dsrpipeline.demo.DemoSubjects.ANNA_COOKIE;
import static org.dsrpipeline.demo.DemoSubjects.NIKOS;
import static org.dsrpipeline.rights.RightsTestSupport.uniqueEmail;
import static org.dsrpipeline.rights.RightsTestSupport.verifiedRequest;

import java.time.Clock;
import javax.sql.DataSource;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.connector.ConnectorRegistry;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.IdentityGraph;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.demo.DemoSubjects;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.rights.proof.ProvenIdentities;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Resolving the subject once, from proven identities only, on the demo stores (PostgreSQL, local HTTP). */
class SubjectResolutionIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired DataSubjectRequestRepository requests;
  @Autowired ProvenIdentities proven;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired AuditTrail audit;
  @Autowired Clock clock;
  @Autowired DataSource appDatabase;
  @Autowired Pseudonymiser pseudonymiser;
  private DemoStoresFixture stores;

  @BeforeEach
  void stores() {
    stores = new DemoStoresFixture(appDatabase, pseudonymiser, clock);
  }

  @AfterEach
  void close() {
    stores.close();
  }

  @Test
  void fromAProvenEmailTheSubjectsPhoneAndThePhoneLinkedMessageLogsAreFound() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    var resolution = resolution(stores.registry());

    var resolved = resolution.resolve(reference);
    var identities = resolution.identities(reference);

    assertThat(resolved.status()).isEqualTo(SubjectResolution.Status.RESOLVED);
    assertThat(identities.of(IdentityType.PHONE)).containsExactly(ANNA.phone());
    assertThat(identities.of(IdentityType.CUSTOMER_ID)).containsExactly("1");
    assertThat(identities.of(IdentityType.COOKIE_ID)).contains(ANNA_COOKIE);
    assertThat(resolved.identities()).filteredOn(i -> i.type() == IdentityType.EMAIL && i.value().equals(ANNA.email()))
        .extracting(SubjectResolution.Identity::source).containsExactly("proven:email-link");
    assertThat(resolved.identities()).filteredOn(i -> i.type() == IdentityType.PHONE)
        .extracting(SubjectResolution.Identity::source).doesNotHaveDuplicates().noneMatch(s -> s.startsWith("proven"));
    assertThat(stores.registry().connector("message-log").find(RequestRef.of(reference), identities).found())
        .isEqualTo(DemoSubjects.ANNA_MESSAGES);
    var id = requests.findByReference(reference).orElseThrow().id();
    assertThat(jdbc.queryForObject("select count(*) from dsr_subject_identity where request_id = ?", Integer.class, id))
        .isEqualTo(resolved.identities().size());
    assertThat(jdbc.queryForList("select outcome from dsr_audit_event where request_id = ? and action = 'SUBJECT_RESOLVED'",
        String.class, id)).singleElement().satisfies(o -> assertThat(o).contains("RESOLVED")
            .doesNotContain(ANNA.email(), ANNA.phone()));
  }

  @Test
  void aPhoneTypedInButNotProvenFindsNothingOfTheOtherSubjectWhoseItIs() {
    var reference = verifiedRequest(http, uniqueEmail(), NIKOS.phone());
    var registry = stores.registry();
    var resolution = resolution(registry);

    resolution.resolve(reference);
    var identities = resolution.identities(reference);
    var found = registry.find(RequestRef.of(reference), identities);
    var withTheTypedPhone = registry.find(RequestRef.of(reference), SubjectIdentities.of(IdentityType.PHONE,
        NIKOS.phone()));

    assertThat(identities.values()).containsOnlyKeys(IdentityType.EMAIL);
    assertThat(found).filteredOn(o -> o.status() == StoreOutcome.Status.OK).allSatisfy(o ->
        assertThat(o.found()).as(o.summary()).isZero());
    assertThat(withTheTypedPhone.stream().mapToLong(StoreOutcome::found).sum())
        .as("the typed phone would have found Nikos's records").isPositive();
  }

  @Test
  void aSecondResolveReadsTheStoredResultAndAsksNoStoreUnlessTheDpoAsksAgain() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    var resolution = resolution(stores.registry());
    var first = resolution.resolve(reference);
    var lookupsOfTheFirst = stores.identityLookups.getAndSet(0);
    stores.saas.clearCalls();

    var second = resolution.resolve(reference);
    var lookupsOfTheSecond = stores.identityLookups.getAndSet(0);
    var callsOfTheSecond = stores.saas.calls();
    var again = resolution.resolveAgain(reference, "dpo", "a store was restored");

    assertThat(lookupsOfTheFirst).isPositive();
    assertThat(lookupsOfTheSecond).isZero();
    assertThat(callsOfTheSecond).isEmpty();
    assertThat(second).isEqualTo(first);
    assertThat(stores.identityLookups.get()).isPositive();
    assertThat(again.resolvedBy()).isEqualTo("dpo");
    assertThat(again.subject()).isEqualTo(first.subject());
  }

  @Test
  void theDpoCanAcceptIdentitiesThatNeedThemAsFoundAndTheErasureForgetsThemAtTheEnd() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    var resolution = resolution(stores.registry());
    stores.saas.failNext(503, 1, null);
    var waiting = resolution.resolve(reference);
    stores.identityLookups.set(0);

    assertThatThrownBy(() -> resolution.acceptAsFound(reference, "dpo", " ")).hasMessageContaining("reason");
    var accepted = resolution.acceptAsFound(reference, "dpo2", "the helpdesk holds no one of this address");

    assertThat(waiting.status()).isEqualTo(SubjectResolution.Status.NEEDS_DPO);
    assertThat(accepted.status()).isEqualTo(SubjectResolution.Status.RESOLVED);
    assertThat(accepted.resolvedBy()).isEqualTo("dpo2");
    assertThat(accepted.identities()).isEqualTo(waiting.identities());
    assertThat(stores.identityLookups.get()).as("accepting asks no store").isZero();
    assertThat(resolution.identities(reference).of(IdentityType.EMAIL)).containsExactly(ANNA.email());

    assertThat(resolution.forget(reference)).isEqualTo(waiting.identities().size());
    assertThat(resolution.identities(reference).of(IdentityType.EMAIL)).isEmpty();
    assertThat(resolution.forget(reference)).isZero();
  }

  @Test
  void aStoreThatCannotBeReachedSendsTheResolutionToTheDpoAndNothingActsOnIt() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    var resolution = resolution(stores.registry());
    stores.saas.failNext(503, 1, null);

    var resolved = resolution.resolve(reference);
    var stillStored = resolution.resolve(reference);
    var afterTheDpo = resolution.resolveAgain(reference, "dpo", "helpdesk is back");

    assertThat(resolved.status()).isEqualTo(SubjectResolution.Status.NEEDS_DPO);
    assertThat(resolved.reason()).contains("not reachable", "helpdesk");
    assertThat(stillStored.status()).isEqualTo(SubjectResolution.Status.NEEDS_DPO);
    assertThat(afterTheDpo.status()).isEqualTo(SubjectResolution.Status.RESOLVED);
    assertThat(resolution.identities(reference).of(IdentityType.PHONE)).containsExactly(ANNA.phone());
  }

  @Test
  void aResultHittingTheGraphsBoundsGoesToTheDpo() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    var resolution = resolution(stores.registry(new IdentityGraph(1, IdentityGraph.DEFAULT_MAX_VALUES)));

    var resolved = resolution.resolve(reference);

    assertThat(resolved.status()).isEqualTo(SubjectResolution.Status.NEEDS_DPO);
    assertThat(resolved.reason()).contains("bounds", "rounds");
    assertThat(resolved.subject().values()).containsOnlyKeys(IdentityType.EMAIL);
    assertThatThrownBy(() -> resolution.identities(reference)).isInstanceOf(SubjectResolution.NotResolved.class)
        .hasMessageContaining("wait for the DPO");
  }

  @Test
  void nothingIsResolvedBeforeAnIdentityIsProven() {
    var response = http.exchange("/api/requests", org.springframework.http.HttpMethod.POST,
        json(java.util.Map.of("type", "ERASURE", "email", ANNA.email())), RightsTestSupport.MAP);
    var reference = (String) response.getBody().get("reference");
    var resolution = resolution(stores.registry());

    assertThatThrownBy(() -> resolution.resolve(reference)).isInstanceOf(SubjectResolution.NotResolved.class)
        .hasMessageContaining("no proven identity");
    assertThat(stores.identityLookups.get()).isZero();
  }

  private SubjectResolution resolution(ConnectorRegistry registry) {
    return new SubjectResolution(registry, requests, proven, jdbc, transactions, audit, clock);
  }
}
