package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** A requester's history never locks them out, and the DPO sees which earlier requests were confirmed. */
class EarlierRequestsIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired DataSubjectRequestRepository requests;
  @Autowired RequestNumbers numbers;
  @Autowired LegalClock legalClock;
  @Autowired TransactionTemplate transaction;

  @Test
  void aLongHistoryNeverStopsFilingOrRecordingAndTheDpoSeesConfirmedRequestsApart() {
    var email = DsrApi.uniqueEmail();
    var api = new DsrApi(http, tasks);
    var confirmed = 0;
    for (int i = 0; i < 74; i++) {
      var confirm = i % 5 == 0;
      confirmed += confirm ? 1 : 0;
      earlierRequest(email, Instant.now().minus(Duration.ofDays(200 - i)), confirm);
    }

    var filed = http.exchange("/api/requests", HttpMethod.POST,
        json(Map.of("type", "ACCESS", "email", email.toUpperCase())), DsrApi.MAP);
    assertThat(filed.getStatusCode()).as("the 75th request of one address").isEqualTo(HttpStatus.CREATED);
    var recorded = api.record(email, LocalDate.now(legalClock.zone()), true);
    assertThat(recorded.getStatusCode()).as("the DPO records the 76th").isEqualTo(HttpStatus.CREATED);

    var instance = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey((String) recorded.getBody().get("reference")).singleResult();
    var earlier = (String) runtime.getVariable(instance.getId(), "earlierRequests");
    assertThat(earlier).hasSizeLessThan(2000).doesNotContain(email)
        .contains("Confirmed earlier requests: " + confirmed)
        .contains("(" + (confirmed - 10) + " older confirmed requests not listed)")
        .endsWith("anyone may have filed them): " + (74 - confirmed + 1));
    var newestConfirmed = requests.findByEmailIgnoreCaseOrderByReceivedAtDesc(email).stream()
        .filter(r -> r.identityVerifiedAt() != null && !r.reference().equals(recorded.getBody().get("reference")))
        .limit(10).map(DataSubjectRequest::reference).toList();
    assertThat(earlier.lines().filter(line -> line.startsWith("DSR-")).map(line -> line.split(":")[0]).toList())
        .containsExactlyElementsOf(newestConfirmed);
  }

  @Test
  void aFirstRequestHasNoEarlierOnes() {
    var api = new DsrApi(http, tasks);
    var reference = api.recordVerified(DsrApi.uniqueEmail(), LocalDate.now(legalClock.zone()));

    var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
    assertThat(runtime.getVariable(instance.getId(), "earlierRequests")).isEqualTo("None");
  }

  private void earlierRequest(String email, Instant receivedAt, boolean confirmed) {
    transaction.executeWithoutResult(status -> {
      var number = numbers.next(receivedAt, legalClock.zone());
      var request = new DataSubjectRequest(number.id(), number.reference(), RequestType.ACCESS, Channel.WEB,
          new Requester(email, null, null, "en"), null, List.of(), receivedAt, null);
      if (confirmed) {
        request.confirmIdentity(receivedAt);
      }
      requests.save(request);
    });
  }
}
