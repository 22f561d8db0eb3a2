package org.dsrpipeline.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.support.RefusingSmtpServer;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/** A mail server that is down delays mail: it never loses it and never sends it twice. */
class OutboxResilienceIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired Outbox outbox;
  @Autowired OutboxRepository emails;
  @Autowired MailProperties properties;
  @Autowired org.dsrpipeline.audit.AuditTrail audit;
  @Autowired jakarta.persistence.EntityManager entityManager;
  @Autowired org.springframework.transaction.support.TransactionTemplate transactions;
  @Autowired MessageIds messageIds;
  @Autowired org.springframework.mail.javamail.JavaMailSender appMailSender;
  @Autowired org.dsrpipeline.security.DeploymentSecrets deployment;

  @Test
  void emailsQueuedWhileSmtpIsDownAreSentExactlyOnceWhenItReturns() {
    mail.stop();
    var email = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    var response = http.postForEntity("/api/requests", json(Map.of("type", "ACCESS", "email", email)), Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
        "select attempts, status, last_error from dsr_email_outbox where recipient = ?", email))
        .hasSize(2)
        .allSatisfy(row -> {
          assertThat(((Number) row.get("attempts")).intValue()).isGreaterThanOrEqualTo(2);
          assertThat(row.get("status")).isEqualTo("PENDING");
          assertThat((String) row.get("last_error")).isNotBlank().doesNotContain(email);
        }));

    mail.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 2);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(email).size() == 2);
    assertThat(mailsTo(email)).extracting(Mails::subject).doesNotHaveDuplicates();
    assertThat(jdbc.queryForList("select status, body from dsr_email_outbox where recipient = ?", email))
        .allSatisfy(row -> {
          assertThat(row.get("status")).isEqualTo("SENT");
          assertThat(row.get("body")).as("the one-time link is dropped once sent").isNull();
        });
  }

  @Test
  void anEmailTheServerRefusesForGoodFailsAtOnceAndTheDpoIsTold() throws Exception {
    mail.stop();
    var email = "refused-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    try (var refusing = new RefusingSmtpServer()) {
      var refusingMail = mailSenderTo(refusing);
      var sender = sender(refusingMail, java.time.Clock.systemUTC());
      var reference = (String) http.postForEntity("/api/requests",
          json(Map.of("type", "ACCESS", "email", email)), Map.class).getBody().get("reference");

      // the application's own sender only meets a server that is down; this one meets the refusing server
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
        jdbc.queryForList("select id from dsr_email_outbox where recipient = ? and status = 'PENDING'", Long.class, email)
            .forEach(sender::deliver);
        assertThat(jdbc.queryForList("select status from dsr_email_outbox where recipient = ?", String.class, email))
            .containsOnly("FAILED");
      });

      assertThat(jdbc.queryForList("select last_error from dsr_email_outbox where recipient = ?", String.class, email))
          .allSatisfy(error -> assertThat(error).contains("550").doesNotContain(email));
      assertThat(jdbc.queryForList("select template from dsr_email_outbox where recipient = ? and subject like ?",
          String.class, properties.dpoAddress(), "%" + reference + "%")).contains("dpo-email-failed");
      var trail = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests/" + reference + "/audit",
          org.springframework.http.HttpMethod.GET, null,
          new org.springframework.core.ParameterizedTypeReference<java.util.List<Map<String, Object>>>() { }).getBody();
      assertThat(trail).filteredOn(e -> "EMAIL_FAILED".equals(e.get("action"))).extracting(e -> (String) e.get("outcome"))
          .anySatisfy(o -> assertThat(o).startsWith("Email 'received' refused by the mail server (550)"))
          .anySatisfy(o -> assertThat(o).startsWith("Email 'verify-identity' refused by the mail server (550)"));
    }
  }

  @Test
  void anEmailThatGaveUpIsShownToTheDpoAndCanBeRetried() {
    var recipient = "gave-up-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    Long id = transactions.execute(tx -> {
      var queued = outbox.queue(null, recipient, "en", "dpo-reminder",
          Map.of("reference", "DSR-2026-999999", "dueDate", "1 January 2027", "tasklistUrl", "http://localhost/"));
      entityManager.flush();
      jdbc.update("update dsr_email_outbox set status = 'FAILED', attempts = 50, last_error = 'test: 550 refused' where id = ?",
          queued.id());
      return queued.id();
    });

    var failed = new org.springframework.core.ParameterizedTypeReference<java.util.List<Map<String, Object>>>() { };
    var unsent = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/outbox", org.springframework.http.HttpMethod.GET,
        null, failed).getBody();
    assertThat(unsent).anySatisfy(e -> {
      assertThat(((Number) e.get("id")).longValue()).isEqualTo(id);
      assertThat(e.get("status")).isEqualTo("FAILED");
    });

    var fromAForm = http.withBasicAuth("dpo", "dpo").postForEntity("/api/dpo/outbox/" + id + "/retry", null, String.class);
    assertThat(fromAForm.getStatusCode().is2xxSuccessful()).as("not without Content-Type: application/json").isFalse();
    var retry = http.withBasicAuth("dpo", "dpo").postForEntity("/api/dpo/outbox/" + id + "/retry", json(Map.of()), String.class);
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(recipient).size() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() ->
        "SENT".equals(jdbc.queryForObject("select status from dsr_email_outbox where id = ?", String.class, id)));
    var again = http.withBasicAuth("dpo", "dpo").postForEntity("/api/dpo/outbox/" + id + "/retry", json(Map.of()), String.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void aVerboseRefusalStillFailsTheEmailTellsTheDpoAndTheOutboxNamesTheRequest() throws Exception {
    mail.stop();
    var email = "verbose-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    var verbose = "550 5.7.1 " + "This message was rejected by the recipient's policy; see the postmaster. ".repeat(20);
    assertThat(verbose.length()).isGreaterThan(1000);
    try (var refusing = new RefusingSmtpServer(verbose)) {
      var refusingMail = mailSenderTo(refusing);
      var sender = sender(refusingMail, java.time.Clock.systemUTC());
      var reference = (String) http.postForEntity("/api/requests",
          json(Map.of("type", "ACCESS", "email", email)), Map.class).getBody().get("reference");

      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
        jdbc.queryForList("select id from dsr_email_outbox where recipient = ? and status = 'PENDING'", Long.class, email)
            .forEach(sender::deliver);
        assertThat(jdbc.queryForList("select status from dsr_email_outbox where recipient = ?", String.class, email))
            .hasSize(2).containsOnly("FAILED");
      });

      assertThat(jdbc.queryForList("select last_error from dsr_email_outbox where recipient = ?", String.class, email))
          .allSatisfy(error -> assertThat(error).contains("550").hasSizeLessThanOrEqualTo(500));
      assertThat(jdbc.queryForList("select template from dsr_email_outbox where recipient = ? and subject like ?",
          String.class, properties.dpoAddress(), "%" + reference + "%")).containsOnly("dpo-email-failed").hasSize(2);
      var trail = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests/" + reference + "/audit",
          org.springframework.http.HttpMethod.GET, null, LIST).getBody();
      assertThat(trail).filteredOn(e -> "EMAIL_FAILED".equals(e.get("action"))).hasSize(2)
          .allSatisfy(e -> assertThat((String) e.get("outcome")).contains("(550)").hasSizeLessThanOrEqualTo(500));

      var unsent = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/outbox", org.springframework.http.HttpMethod.GET,
          null, LIST).getBody();
      var ids = jdbc.queryForList("select id from dsr_email_outbox where recipient = ?", Long.class, email);
      assertThat(unsent).filteredOn(e -> ids.contains(((Number) e.get("id")).longValue())).hasSize(2)
          .allSatisfy(e -> assertThat(e.get("reference")).isEqualTo(reference));
    }
  }

  @Test
  void aSenderWhoseClaimExpiredNeverOverwritesTheResultOfTheNodeThatTookTheEmailOver() throws Exception {
    var recipient = "claimed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    var later = java.time.Instant.now().plus(Duration.ofHours(2));
    Long id = queueNotDueUntil(recipient, later.minus(Duration.ofHours(1)));
    try (var refusing = new RefusingSmtpServer()) {
      var refusingMail = mailSenderTo(refusing);
      var slowNode = sender(refusingMail, java.time.Clock.fixed(later, java.time.ZoneOffset.UTC));
      var nextNode = sender(appMailSender, java.time.Clock.fixed(
          later.plus(properties.claimTimeout()).plusSeconds(1), java.time.ZoneOffset.UTC));

      var expired = slowNode.claim(id).orElseThrow();
      var takenOver = nextNode.claim(id).orElseThrow();
      nextNode.send(takenOver);
      slowNode.send(expired);

      await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(recipient).size() == 1);
      var row = jdbc.queryForMap("select status, attempts, last_error from dsr_email_outbox where id = ?", id);
      assertThat(row.get("status")).isEqualTo("SENT");
      assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
      assertThat(row.get("last_error")).isNull();
      assertThat(slowNode.claim(id)).as("a sent email is never claimed again").isEmpty();
    }
  }

  @Test
  void anEmailThatCannotBeBuiltFailsAtOnceAndTheDpoIsTold() {
    var broken = "no-at-sign-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    Long id = transactions.execute(tx -> outbox.queue(null, broken, "en", "dpo-reminder",
        Map.of("reference", "DSR-2026-999998", "dueDate", "1 January 2027", "tasklistUrl", "http://localhost/")).id());

    await().atMost(Duration.ofSeconds(20)).until(() ->
        "FAILED".equals(jdbc.queryForObject("select status from dsr_email_outbox where id = ?", String.class, id)));
    assertThat(jdbc.queryForObject("select last_error from dsr_email_outbox where id = ?", String.class, id))
        .startsWith("AddressException").doesNotContain(broken);
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(properties.dpoAddress()).stream()
        .anyMatch(m -> Mails.body(m).contains("outbox email <span>" + id + "</span>")));
  }

  @Test
  void messageIdsAreUniquePerDeployment() throws Exception {
    var recipient = "message-id-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    Long id = transactions.execute(tx -> outbox.queue(null, recipient, "en", "dpo-reminder",
        Map.of("reference", "DSR-2026-999997", "dueDate", "1 January 2027", "tasklistUrl", "http://localhost/")).id());

    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(recipient).size() == 1);

    assertThat(mailsTo(recipient).get(0).getMessageID())
        .isEqualTo("<dsr-outbox-" + id + "." + deployment.deploymentId() + "@localhost>")
        .isEqualTo(messageIds.of(id));
    assertThat(deployment.deploymentId()).matches("[0-9a-f]{20}");
  }

  @Test
  void anUnreachableMailServerIsShownInHealthWithoutTakingTheServiceDown() {
    mail.stop();

    var anonymous = http.getForEntity("/actuator/health", Map.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(anonymous.getBody()).containsEntry("status", "UP").doesNotContainKey("components");
    assertThat(http.getForEntity("/actuator/health/readiness", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    var asDpo = http.withBasicAuth("dpo", "dpo").getForEntity("/actuator/health", Map.class);
    assertThat(asDpo.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(asDpo.getBody()).containsEntry("status", "UP");
    var outboxHealth = (Map<?, ?>) ((Map<?, ?>) asDpo.getBody().get("components")).get("outbox");
    assertThat(outboxHealth.get("status")).isEqualTo("UNKNOWN");
    assertThat((String) ((Map<?, ?>) outboxHealth.get("details")).get("smtp")).startsWith("unreachable");

    mail.start();
    var back = (Map<?, ?>) ((Map<?, ?>) http.withBasicAuth("dpo", "dpo").getForEntity("/actuator/health", Map.class)
        .getBody().get("components")).get("outbox");
    assertThat(back.get("status")).isEqualTo("UP");
  }

  private static final org.springframework.core.ParameterizedTypeReference<java.util.List<Map<String, Object>>> LIST =
      new org.springframework.core.ParameterizedTypeReference<>() { };

  private static JavaMailSenderImpl mailSenderTo(RefusingSmtpServer refusing) {
    var mailSender = new JavaMailSenderImpl();
    mailSender.setHost("127.0.0.1");
    mailSender.setPort(refusing.port());
    return mailSender;
  }

  private OutboxSender sender(org.springframework.mail.javamail.JavaMailSender mailSender, java.time.Clock clock) {
    return new OutboxSender(emails, mailSender, properties, audit, outbox, transactions, messageIds, clock);
  }

  /** An email the application's own sender leaves alone until {@code due}. */
  private Long queueNotDueUntil(String recipient, java.time.Instant due) {
    return transactions.execute(tx -> {
      var queued = outbox.queue(null, recipient, "en", "dpo-reminder",
          Map.of("reference", "DSR-2026-999996", "dueDate", "1 January 2027", "tasklistUrl", "http://localhost/"));
      entityManager.flush();
      jdbc.update("update dsr_email_outbox set next_attempt_at = ? where id = ?",
          java.sql.Timestamp.from(due), queued.id());
      return queued.id();
    });
  }
}
