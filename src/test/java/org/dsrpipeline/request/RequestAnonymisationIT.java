package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With the clock moved past the evidence period, a closed request loses who it was for and keeps what was done;
 * an open one, a restricted one and one closed too recently are left alone.
 */
class RequestAnonymisationIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired RequestAnonymisation anonymisation;
  @Autowired EvidenceProperties evidence;
  @Autowired TransactionTemplate transactions;

  @Test
  void aClosedRequestLosesWhoItWasForAfterTheEvidencePeriodAndKeepsWhatWasDone() {
    DsrApi.ensureUsers(identity);
    var api = new DsrApi(http, tasks);
    var email = DsrApi.uniqueEmail();
    var filed = api.as("dpo").exchange("/api/dpo/requests", HttpMethod.POST, DsrApi.json(Map.of("type", "ACCESS",
        "email", email, "fullName", "Eleni Anonymou", "phone", "+30 691 000 1234", "details", "My account 77",
        "channel", "POST", "receivedAt", LocalDate.now().toString(), "identityVerified", true)), DsrApi.MAP);
    var reference = (String) filed.getBody().get("reference");
    var open = api.recordVerified(DsrApi.uniqueEmail(), LocalDate.now());
    api.completeOk("dpo", api.awaitTask(reference, "Task_ReviewRequest"),
        Map.of("decision", "refuse", "refusalReasons", "The same request was answered last week."));
    await().atMost(Duration.ofSeconds(20)).until(() -> "REFUSED".equals(jdbc.queryForObject(
        "select status from dsr_request where reference = ?", String.class, reference)));
    var id = jdbc.queryForObject("select id from dsr_request where reference = ?", Long.class, reference);
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
        "select count(*) from dsr_email_outbox where request_id = ? and status = 'SENT'", Long.class, id) >= 2);
    var eventsBefore = api.auditTrail(reference).size();

    var now = Instant.now();
    assertThat(anonymisation.dueAsOf(now)).extracting(RequestAnonymisation.Due::reference).doesNotContain(reference);
    var later = now.plus(evidence.retention()).plus(1, ChronoUnit.DAYS);
    assertThat(anonymisation.dueAsOf(later)).extracting(RequestAnonymisation.Due::reference)
        .contains(reference).doesNotContain(open);

    assertThat((boolean) transactions.execute(status -> anonymisation.anonymise(id))).isTrue();

    var row = jdbc.queryForMap("select * from dsr_request where id = ?", id);
    assertThat(row.get("email")).isEqualTo("anonymised-" + id + "@invalid");
    assertThat(row.get("phone")).isNull();
    assertThat(row.get("full_name")).isNull();
    assertThat(row.get("details")).isNull();
    assertThat(row.get("anonymised_at")).isNotNull();
    assertThat(row.get("status")).isEqualTo("REFUSED");
    assertThat(row.get("refusal_reasons")).as("what was done stays").isEqualTo("The same request was answered last week.");
    assertThat(jdbc.queryForList("select recipient, body from dsr_email_outbox where request_id = ?", id))
        .isNotEmpty().allSatisfy(mail -> {
          assertThat(mail.get("recipient")).isEqualTo("anonymised");
          assertThat(mail.get("body")).isNull();
        });
    assertThat(jdbc.queryForObject("select count(*) from dsr_verification_token where request_id = ?", Long.class, id))
        .isZero();
    var trail = api.auditTrail(reference);
    assertThat(trail).hasSize(eventsBefore + 1);
    assertThat(trail).extracting(e -> e.get("action")).contains("RECEIVED", "REVIEW_DECIDED", "ANONYMISED");
    assertThat(trail.toString()).doesNotContain(email, "Eleni", "691");
    assertThat(jdbc.queryForObject("select count(*) from dsr_request where lower(email) = lower(?)", Long.class, email))
        .as("the old address finds nothing").isZero();

    assertThat((boolean) transactions.execute(status -> anonymisation.anonymise(id))).as("once").isFalse();
    assertThat(anonymisation.dueAsOf(later)).extracting(RequestAnonymisation.Due::reference).doesNotContain(reference);
  }

  @Test
  void aClosedRequestWhoseDataStaysRestrictedIsLeftAlone() {
    DsrApi.ensureUsers(identity);
    var api = new DsrApi(http, tasks);
    var reference = api.recordVerified(DsrApi.uniqueEmail(), LocalDate.now());
    api.completeOk("dpo", api.awaitTask(reference, "Task_ReviewRequest"),
        Map.of("decision", "refuse", "refusalReasons", "Manifestly unfounded."));
    await().atMost(Duration.ofSeconds(20)).until(() -> "REFUSED".equals(jdbc.queryForObject(
        "select status from dsr_request where reference = ?", String.class, reference)));
    jdbc.update("update dsr_request set restricted_at = closed_at where reference = ?", reference);

    var later = Instant.now().plus(evidence.retention()).plus(1, ChronoUnit.DAYS);
    assertThat(anonymisation.dueAsOf(later)).extracting(RequestAnonymisation.Due::reference).doesNotContain(reference);
  }
}
