package org.dsrpipeline.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.dsrpipeline.workflow.RequestWorkflow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The pipeline's figures as Micrometer gauges (Prometheus at {@code /actuator/prometheus}), read from the
 * application's tables by counts only, no personal data: requests by right and state, overdue, days to
 * answer, store operations by store, operation and outcome, open incidents, the outbox's backlog.
 * Refreshed every {@code dsr.metrics.refresh} (PT15S), not at each scrape, so a scrape costs nothing.
 */
@Component
public class PipelineMetrics {

  private final JdbcTemplate jdbc;
  private final RequestWorkflow workflow;
  private final Clock clock;
  private final MultiGauge requests;
  private final MultiGauge storeOperations;
  private final MultiGauge outbox;
  private final AtomicLong overdue = new AtomicLong();
  private final AtomicLong incidents = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong answerSeconds = new AtomicLong();

  PipelineMetrics(JdbcTemplate jdbc, RequestWorkflow workflow, Clock clock, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.workflow = workflow;
    this.clock = clock;
    requests = MultiGauge.builder("dsr.requests").description("Requests by right and state").register(registry);
    storeOperations = MultiGauge.builder("dsr.store.operations")
        .description("Store operations by store, operation and outcome (one per request, store, operation and pass)")
        .register(registry);
    outbox = MultiGauge.builder("dsr.outbox.emails").description("Emails in the outbox by status").register(registry);
    Gauge.builder("dsr.requests.overdue", overdue, AtomicLong::get)
        .description("Open requests whose legal due time has passed").register(registry);
    Gauge.builder("dsr.incidents.open", incidents, AtomicLong::get)
        .description("Open engine incidents (failed steps waiting for a retry by a person)").register(registry);
    Gauge.builder("dsr.requests.answered", answered, AtomicLong::get)
        .description("Requests answered (completed or refused)").register(registry);
    Gauge.builder("dsr.requests.answer.seconds.mean", answerSeconds, AtomicLong::get)
        .description("Mean time from receipt to answer of the answered requests, in seconds").register(registry);
  }

  @Scheduled(fixedDelayString = "${dsr.metrics.refresh:PT15S}")
  public void refresh() {
    requests.register(jdbc.query("select request_type, status, count(*) from dsr_request group by request_type, status",
        (rs, i) -> MultiGauge.Row.of(Tags.of("right", rs.getString(1), "state", rs.getString(2)), rs.getLong(3))), true);
    storeOperations.register(jdbc.query("select store_name, operation, status, count(*) from dsr_store_outcome"
            + " group by store_name, operation, status",
        (rs, i) -> MultiGauge.Row.of(Tags.of("store", rs.getString(1), "operation", rs.getString(2),
            "outcome", rs.getString(3)), rs.getLong(4))), true);
    outbox.register(jdbc.query("select status, count(*) from dsr_email_outbox group by status",
        (rs, i) -> MultiGauge.Row.of(Tags.of("status", rs.getString(1)), rs.getLong(2))), true);
    overdue.set(jdbc.queryForObject("select count(*) from dsr_request where closed_at is null and due_at < ?",
        Long.class, Timestamp.from(clock.instant())));
    var times = jdbc.query("select received_at, closed_at from dsr_request where status in ('COMPLETED', 'REFUSED')"
        + " and closed_at is not null", (rs, i) -> Duration.between(rs.getTimestamp(1).toInstant(),
            rs.getTimestamp(2).toInstant()).toSeconds());
    answered.set(times.size());
    answerSeconds.set(times.isEmpty() ? 0 : Math.round(times.stream().mapToLong(Long::longValue).average().orElse(0)));
    incidents.set(workflow.openIncidents());
  }
}
