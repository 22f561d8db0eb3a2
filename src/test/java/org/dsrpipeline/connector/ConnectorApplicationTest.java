package org.dsrpipeline.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsrpipeline.demo.DemoSubjects.ANNA;
import static org.dsrpipeline.demo.DemoSubjects.NIKOS;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dsrpipeline.connector.http.HttpConnector;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.demo.DemoSubjects;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The data map in the running application: the registry built from the demo map, the DEMO stores seeded
 * in their own database, the DEMO helpdesk and CRM answering the map's calls, and the DPO's manual actions.
 */
class ConnectorApplicationTest extends IntegrationTest {

  private static final SubjectIdentities ANNA_IDENTITIES = SubjectIdentities.of(IdentityType.EMAIL, ANNA.email())
      .and(IdentityType.PHONE, ANNA.phone()).and(IdentityType.CUSTOMER_ID, "1");

  @Autowired ConnectorRegistry registry;
  @Autowired Pseudonymiser pseudonymiser;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate appDatabase;
  @LocalServerPort int port;

  @Test
  void theRegistryHoldsEveryStoreOfTheDemoMapOnTheSeededDemoStores() {
    // the jdbc stores only: the map's helpdesk and CRM point at localhost:8080, not at this test's port
    var accounts = registry.connector("customer-accounts").find(reference(), ANNA_IDENTITIES);
    var messages = registry.connector("message-log").find(reference(), ANNA_IDENTITIES);

    assertThat(registry.connectors()).extracting(Connector::name).containsExactly("customer-accounts", "message-log",
        "marketing", "web-tracking", "helpdesk", "crm", "paper-archive");
    assertThat(accounts.found()).isEqualTo(1 + DemoSubjects.ANNA_INVOICES);
    assertThat(messages.found()).isEqualTo(DemoSubjects.ANNA_MESSAGES);
  }

  @Test
  void theDemoHelpdeskAndCrmAnswerTheDemoMapsCalls() {
    var helpdesk = onThisServer("helpdesk");
    var crm = onThisServer("crm");
    var nikos = SubjectIdentities.of(IdentityType.EMAIL, NIKOS.email()).and(IdentityType.PHONE, NIKOS.phone());
    var request = reference();

    assertThat(helpdesk.find(request, ANNA_IDENTITIES).found()).isEqualTo(DemoSubjects.ANNA_TICKETS);
    assertThat(crm.find(request, ANNA_IDENTITIES).found()).isEqualTo(DemoSubjects.ANNA_CONTACTS);
    assertThat(crm.suppressMarketing(request, nikos).collections().get(0).updated()).isEqualTo(1);
    assertThat(crm.restrict(request, nikos).collections().get(0).restricted()).isEqualTo(1);
    var erased = List.of(helpdesk.erase(request, nikos), crm.erase(request, nikos));
    assertThat(erased).allSatisfy(o -> assertThat(o.changedAnything()).as(o.summary()).isTrue());
    assertThat(List.of(helpdesk.erase(request, nikos), crm.erase(request, nikos)))
        .allSatisfy(o -> assertThat(o.changedAnything()).as(o.summary()).isFalse());
  }

  @Test
  void theDemoServicesAreMarkedDemoAndWantTheirCredential() {
    var anonymous = http.getForEntity("/demo/helpdesk/tickets?email={email}", String.class, ANNA.email());
    var headers = new HttpHeaders();
    headers.setBearerAuth("demo-helpdesk-token");
    var authorised = http.exchange("/demo/helpdesk/tickets?email={email}", HttpMethod.GET, new HttpEntity<>(headers),
        new ParameterizedTypeReference<Map<String, Object>>() { }, ANNA.email());

    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst("X-Demo")).startsWith("DEMO helpdesk");
    assertThat(authorised.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(authorised.getBody()).containsKey("demo");
    assertThat((List<?>) authorised.getBody().get("items")).hasSize(2);
  }

  @Test
  void theDpoListsManualActionsAndAnswersEachOnce() {
    var request = reference();
    var pending = registry.connector("paper-archive").erase(request, ANNA_IDENTITIES);
    var id = pending.manualTask().actionId();
    var dpo = http.withBasicAuth("dpo", "dpo");

    var list = dpo.exchange("/api/dpo/manual-actions?status=PENDING", HttpMethod.GET, null,
        new ParameterizedTypeReference<List<Map<String, Object>>>() { });
    var answered = dpo.postForEntity("/api/dpo/manual-actions/{id}/answer",
        Map.of("status", "DONE", "answer", "Letters shredded; contract kept"), Map.class, id);
    var again = dpo.postForEntity("/api/dpo/manual-actions/{id}/answer",
        Map.of("status", "NOT_POSSIBLE", "answer", "Second thoughts"), Map.class, id);

    assertThat(pending.status()).isEqualTo(StoreOutcome.Status.MANUAL_PENDING);
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getBody()).anySatisfy(a -> {
      assertThat(((Number) a.get("id")).longValue()).isEqualTo(id);
      assertThat(a).containsEntry("reference", request.value()).containsEntry("store", "paper-archive")
          .containsEntry("operation", "ERASE").containsEntry("status", "PENDING");
      assertThat((String) a.get("instructions")).contains("customer number 1 (email " + ANNA.email() + ")");
    });
    assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answered.getBody()).containsEntry("status", "DONE").containsEntry("answeredBy", "dpo");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(registry.connector("paper-archive").erase(request, ANNA_IDENTITIES).status())
        .isEqualTo(StoreOutcome.Status.OK);
  }

  @Test
  void theManualActionsApiIsTheDposOnly() {
    var anonymous = http.getForEntity("/api/dpo/manual-actions", String.class);
    var unknown = http.withBasicAuth("dpo", "dpo").postForEntity("/api/dpo/manual-actions/{id}/answer",
        Map.of("status", "DONE", "answer", "Done"), String.class, Long.MAX_VALUE);
    var stillPending = http.withBasicAuth("dpo", "dpo").postForEntity("/api/dpo/manual-actions/{id}/answer",
        Map.of("status", "PENDING", "answer", "Later"), String.class, 1);
    var noAnswer = http.withBasicAuth("dpo", "dpo").postForEntity("/api/dpo/manual-actions/{id}/answer",
        Map.of("status", "DONE"), String.class, 1);

    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(stillPending.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noAnswer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void thePseudonymKeyIsGeneratedOnceAndKept() {
    var first = pseudonymiser.pseudonym(ANNA.email());

    assertThat(appDatabase.queryForObject("select count(*) from dsr_secret where name = 'pseudonym-key'", Long.class))
        .isEqualTo(1);
    assertThat(new Pseudonymiser(() -> java.util.Base64.getDecoder().decode(appDatabase.queryForObject(
        "select secret_value from dsr_secret where name = 'pseudonym-key'", String.class))).pseudonym(ANNA.email()))
        .isEqualTo(first);
  }

  /** The demo map's http store, called at this test's random port instead of the map's localhost:8080. */
  private HttpConnector onThisServer(String name) {
    var store = registry.connector(name).store();
    var path = store.http().baseUrl().substring(store.http().baseUrl().indexOf("/demo/"));
    var here = store.withHttp(store.http().withBaseUrl("http://localhost:" + port + path));
    return new HttpConnector(here, HttpClient.newHttpClient(), pseudonymiser, Clock.systemUTC());
  }

  private static RequestRef reference() {
    return RequestRef.of("DSR-TEST-" + UUID.randomUUID());
  }
}
