package org.dsrpipeline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.FakeSaas;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** Health shows each data store (a store that is down shows, the service stays UP); Prometheus has the pipeline's figures. */
class HealthAndMetricsIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired PipelineMetrics metrics;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;

  @Test
  void anUnreachableStoreShowsAndTheServiceStaysUp() {
    // the demo map's helpdesk and CRM are http stores on 127.0.0.1:29253, where nothing listens now
    var health = http.withBasicAuth("dpo", "dpo").getForEntity("/actuator/health", JsonNode.class);
    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody().path("status").asText()).isEqualTo("UP");
    var stores = health.getBody().path("components").path("stores").path("components");
    assertThat(stores.path("helpdesk").path("status").asText()).isEqualTo("UNREACHABLE");
    assertThat(stores.path("helpdesk").path("details").path("error").asText()).contains("ConnectException");
    assertThat(stores.path("customer-accounts").path("status").asText()).isEqualTo("UP");
    assertThat(stores.path("customer-accounts").path("details").path("kind").asText()).isEqualTo("JDBC");
    assertThat(stores.path("paper-archive").path("status").asText()).isEqualTo("UP");
    assertThat(health.getBody().path("components").path("outbox").isMissingNode()).isFalse();

    try (var saas = FakeSaas.start(29253)) {
      var now = http.withBasicAuth("dpo", "dpo").getForEntity("/actuator/health", JsonNode.class).getBody();
      assertThat(now.at("/components/stores/components/helpdesk/status").asText()).isEqualTo("UP");
      assertThat(now.at("/components/stores/components/crm/status").asText()).isEqualTo("UP");
    }
    assertThat(http.getForEntity("/actuator/health", JsonNode.class).getBody().path("components").isMissingNode())
        .as("anonymous callers see the status only").isTrue();
  }

  @Test
  void prometheusHasRequestsByRightAndStateStoreOutcomesIncidentsAndTheOutbox() {
    var api = new DsrApi(http, tasks);
    DsrApi.ensureUsers(identity);
    var reference = api.recordVerified(DsrApi.uniqueEmail(), LocalDate.now());
    var requestId = jdbc.queryForObject("select id from dsr_request where reference = ?", Long.class, reference);
    jdbc.update("insert into dsr_store_outcome (request_id, store_name, operation, status, found, changed, kept,"
        + " attempts, first_run_at, pass_number) values (?, 'metrics-test-store', 'ERASE', 'FAILED', 0, 0, 0, 3,"
        + " current_timestamp, 1)", requestId);

    metrics.refresh();

    var scrape = http.withBasicAuth("dpo", "dpo").getForEntity("/actuator/prometheus", String.class);
    assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(scrape.getBody()).containsPattern("dsr_requests\\{right=\"ACCESS\",state=\"[A-Z_]+\"} [1-9]")
        .contains("dsr_store_operations{operation=\"ERASE\",outcome=\"FAILED\",store=\"metrics-test-store\"} 1.0")
        .contains("dsr_requests_overdue ", "dsr_incidents_open ", "dsr_requests_answered ",
            "dsr_requests_answer_seconds_mean ")
        .containsPattern("dsr_outbox_emails\\{status=\"[A-Z]+\"}");
    assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
