package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dsrpipeline.demo.DemoSubjects.ANNA;
import static org.dsrpipeline.rights.RightsTestSupport.MAP;
import static org.dsrpipeline.rights.RightsTestSupport.verifiedRequest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.connector.Scope;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.demo.DemoSubjects;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.rights.proof.ProvenIdentities;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.StoreDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** One operation on one store, recorded once, on the demo stores (PostgreSQL, local HTTP). */
class StoreWorkIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired DataSubjectRequestRepository requests;
  @Autowired ProvenIdentities proven;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired AuditTrail audit;
  @Autowired Clock clock;
  @Autowired DataSource appDatabase;
  @Autowired Pseudonymiser pseudonymiser;
  @Autowired ObjectMapper json;
  @Autowired OperationScopes scopes;
  private DemoStoresFixture stores;
  private SubjectResolution resolution;
  private StoreWork work;

  @BeforeEach
  void stores() {
    stores = new DemoStoresFixture(appDatabase, pseudonymiser, clock);
    var registry = stores.registry();
    resolution = new SubjectResolution(registry, requests, proven, jdbc, transactions, audit, clock);
    work = new StoreWork(registry, resolution, scopes, requests, jdbc, transactionManager, audit, json, clock);
  }

  @AfterEach
  void close() {
    stores.close();
  }

  @Test
  void theRightsActOnTheControllerStoresThatHaveSomethingTheOperationAppliesTo() {
    var stores = new RightStores(this.stores.registry());

    assertThat(stores.controllerStores(Operation.ERASE)).containsExactly("customer-accounts", "marketing",
        "web-tracking", "helpdesk", "crm", "paper-archive");
    assertThat(stores.processorStores()).containsExactly("message-log");
    assertThat(stores.controllerStores(Operation.SUPPRESS_MARKETING)).contains("marketing", "paper-archive")
        .doesNotContain("message-log", "web-tracking");
  }

  @Test
  void aLaterPassOfTheSameOperationRunsTheStoreAgainWithAnOutcomeOfItsOwn() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    resolution.resolve(reference);

    var first = work.run(reference, "customer-accounts", Operation.ERASE);
    var firstAgain = work.run(reference, "customer-accounts", Operation.ERASE, 1);
    var second = work.run(reference, "customer-accounts", Operation.ERASE, 2);
    var secondAgain = work.run(reference, "customer-accounts", Operation.ERASE, 2);

    assertThat(first.alreadyDone()).isFalse();
    assertThat(firstAgain.alreadyDone()).isTrue();
    assertThat(second.alreadyDone()).isFalse();
    assertThat(second.outcome().pass()).isEqualTo(2);
    assertThat(secondAgain.alreadyDone()).isTrue();
    assertThat(work.outcomes(reference)).extracting(RecordedOutcome::pass).containsExactly(1, 2);
  }

  @Test
  void aStoreLeftAloneIsRecordedOnceWithItsReasonWithoutCallingIt() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    resolution.resolve(reference);
    stores.saas.clearCalls();

    var handled = work.recordNotActedOn(reference, "message-log", Operation.ERASE, 1,
        org.dsrpipeline.connector.StoreOutcome.Status.HANDLED_WITH_CONTROLLER, "processor store");
    var again = work.recordNotActedOn(reference, "message-log", Operation.ERASE, 1,
        org.dsrpipeline.connector.StoreOutcome.Status.HANDLED_WITH_CONTROLLER, "processor store");
    var held = work.recordNotActedOn(reference, "helpdesk", Operation.ERASE, 1,
        org.dsrpipeline.connector.StoreOutcome.Status.KEPT_ON_HOLD, "legal claim");

    assertThat(handled.outcome().status()).isEqualTo("HANDLED_WITH_CONTROLLER");
    assertThat(handled.outcome().note()).isEqualTo("processor store");
    assertThat(again.alreadyDone()).isTrue();
    assertThat(held.outcome().status()).isEqualTo("KEPT_ON_HOLD");
    assertThat(stores.saas.calls()).isEmpty();
    var request = requests.findByReference(reference).orElseThrow();
    assertThat(audit.of(request.id()).stream().map(e -> e.outcome())
        .filter(o -> o.contains("HANDLED_WITH_CONTROLLER") || o.contains("KEPT_ON_HOLD"))).hasSize(2);
  }

  @Test
  void runningAgainAfterSuccessReportsAlreadyDoneCallsNoStoreAndRecordsNoSecondEffect() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    resolution.resolve(reference);
    stores.saas.clearCalls();

    var first = work.run(reference, "helpdesk", Operation.ERASE);
    var callsOfTheFirst = stores.saas.calls().size();
    stores.saas.clearCalls();
    var second = work.run(reference, "helpdesk", Operation.ERASE);
    assertThatThrownBy(() -> work.run(reference, "message-log", Operation.ERASE))
        .as("a processor store changes only on a controller's instruction").isInstanceOf(IllegalStateException.class);
    var controller = String.valueOf(DemoSubjects.ANNA_SENDER_1);
    var messages = work.runForController(reference, "message-log", Operation.ERASE, controller);
    var messagesAgain = work.runForController(reference, "message-log", Operation.ERASE, controller);

    assertThat(first.alreadyDone()).isFalse();
    assertThat(first.ok()).isTrue();
    assertThat(first.outcome().found()).isEqualTo(DemoSubjects.ANNA_TICKETS);
    assertThat(first.outcome().changed()).isPositive();
    assertThat(callsOfTheFirst).isPositive();
    assertThat(second.alreadyDone()).isTrue();
    assertThat(stores.saas.calls()).as("the second run calls no store").isEmpty();
    assertThat(second.outcome()).isEqualTo(first.outcome());
    assertThat(messages.outcome().kept()).as("sender 1's messages inside their 24 months").isEqualTo(4);
    assertThat(messages.outcome().controller()).isEqualTo(controller);
    assertThat(messages.outcome().keptUntil()).isNotNull();
    assertThat(messagesAgain.alreadyDone()).isTrue();
    var id = requests.findByReference(reference).orElseThrow().id();
    assertThat(jdbc.queryForObject("select count(*) from dsr_store_outcome where request_id = ?", Integer.class, id))
        .isEqualTo(2);
    assertThat(jdbc.queryForList("select outcome from dsr_audit_event where request_id = ? and action = 'STORE_OPERATION'",
        String.class, id)).hasSize(2).noneMatch(o -> o.contains(ANNA.email()) || o.contains(ANNA.phone()));
  }

  @Test
  void aStoreThatIsDownIsRecordedFailedAndTheRetrySucceedsOnTheSameRow() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    resolution.resolve(reference);
    stores.saas.failNext(503, 1, null);

    var failed = work.run(reference, "helpdesk", Operation.RESTRICT);
    var retried = work.run(reference, "helpdesk", Operation.RESTRICT);

    assertThat(failed.ok()).isFalse();
    assertThat(failed.outcome().status()).isEqualTo("FAILED");
    assertThat(failed.outcome().error()).contains("helpdesk");
    assertThat(failed.outcome().doneAt()).isNull();
    assertThat(retried.ok()).isTrue();
    assertThat(retried.alreadyDone()).isFalse();
    assertThat(retried.outcome().id()).isEqualTo(failed.outcome().id());
    assertThat(retried.outcome().attempts()).isEqualTo(2);
    assertThat(retried.outcome().changed()).isEqualTo(DemoSubjects.ANNA_TICKETS);
    assertThat(retried.outcome().error()).isNull();
    assertThat(stores.saas.tickets.all()).filteredOn(t -> ANNA.email().equals(t.get("requester_email")))
        .allSatisfy(t -> assertThat(t).containsEntry("restricted", true));
  }

  @Test
  void aRestrictionLimitedToSomeCollectionsRestrictsOnlyThose() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    resolution.resolve(reference);
    scopes.limit(reference, Operation.RESTRICT, Map.of("customer-accounts", Scope.collections(Set.of("customer"))));

    var restricted = work.run(reference, "customer-accounts", Operation.RESTRICT);

    assertThat(restricted.ok()).isTrue();
    assertThat(restricted.outcome().changed()).isEqualTo(1);
    var demo = new JdbcTemplate(StoreDatabase.dataSource());
    assertThat(demo.queryForObject("select restricted from accounts.customer where id = ?", Boolean.class,
        ANNA.customerId())).isTrue();
    assertThat(demo.queryForObject("select count(*) from accounts.invoice where customer_id = ? and restricted",
        Long.class, ANNA.customerId())).isZero();
  }

  @Test
  void theOutcomeSurvivesTheCallersRollback() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    resolution.resolve(reference);

    transactions.executeWithoutResult(tx -> {
      work.run(reference, "marketing", Operation.SUPPRESS_MARKETING);
      tx.setRollbackOnly();
    });

    assertThat(work.run(reference, "marketing", Operation.SUPPRESS_MARKETING).alreadyDone()).isTrue();
  }

  @Test
  void nothingRunsOnAStoreBeforeTheSubjectIsResolved() {
    var reference = verifiedRequest(http, ANNA.email(), null);

    assertThatThrownBy(() -> work.run(reference, "helpdesk", Operation.ERASE))
        .isInstanceOf(SubjectResolution.NotResolved.class);
    assertThat(stores.saas.calls()).isEmpty();
  }

  @Test
  void theDpoReadsEachStoresOutcome() {
    var reference = verifiedRequest(http, ANNA.email(), null);
    resolution.resolve(reference);
    work.run(reference, "helpdesk", Operation.FIND);
    var path = "/api/dpo/requests/{reference}/store-outcomes";

    var outcomes = http.withBasicAuth("dpo", "dpo").exchange(path, HttpMethod.GET, null,
        new ParameterizedTypeReference<List<Map<String, Object>>>() { }, reference);
    var anonymous = http.getForEntity(path, String.class, reference);
    var unknown = http.withBasicAuth("dpo", "dpo").exchange(path, HttpMethod.GET, null, MAP, "DSR-1999-999999");

    assertThat(outcomes.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(outcomes.getBody()).singleElement().satisfies(o -> {
      assertThat(o).containsEntry("store", "helpdesk").containsEntry("operation", "FIND").containsEntry("status", "OK")
          .containsEntry("found", DemoSubjects.ANNA_TICKETS).containsEntry("attempts", 1);
      assertThat((List<?>) o.get("collections")).isNotEmpty();
      assertThat(o.toString()).doesNotContain(ANNA.email());
    });
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }
}
