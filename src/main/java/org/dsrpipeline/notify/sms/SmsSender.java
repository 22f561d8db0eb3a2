package org.dsrpipeline.notify.sms;

import java.net.http.HttpClient;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed texts. Each is claimed by a conditional update first, so with several nodes exactly
 * one sends it; a failed attempt is retried with back-off until the code expires, and then dropped. A
 * sent text's body (the code) is cleared. The gateway gets the text's id as {@code Idempotency-Key}, so a
 * gateway that honours it drops the duplicate if a node dies between its send and its commit.
 */
@Component
class SmsSender {

  private static final Logger log = LoggerFactory.getLogger(SmsSender.class);
  private static final int BATCH = 20;

  private final JdbcTemplate jdbc;
  private final SmsGateway gateway;
  private final SmsProperties properties;
  private final AuditTrail audit;
  private final TransactionTemplate transactions;
  private final Clock clock;

  @Autowired
  SmsSender(JdbcTemplate jdbc, SmsProperties properties, AuditTrail audit, TransactionTemplate transactions,
      Clock clock) {
    this(jdbc, new SmsGateway(properties, HttpClient.newBuilder().connectTimeout(properties.timeout()).build()),
        properties, audit, transactions, clock);
  }

  SmsSender(JdbcTemplate jdbc, SmsGateway gateway, SmsProperties properties, AuditTrail audit,
      TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.gateway = gateway;
    this.properties = properties;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${dsr.sms.poll-interval:PT2S}")
  void sendDueTexts() {
    dropExpired();
    var now = Timestamp.from(clock.instant());
    jdbc.queryForList("select id from dsr_sms_outbox where status = 'PENDING' and next_attempt_at <= ? "
        + "and (claimed_until is null or claimed_until < ?) order by id", Long.class, now, now)
        .stream().limit(BATCH).forEach(this::deliver);
  }

  void deliver(long id) {
    var now = clock.instant();
    var claimed = transactions.execute(tx -> jdbc.update("update dsr_sms_outbox set claimed_until = ? where id = ? "
        + "and status = 'PENDING' and (claimed_until is null or claimed_until < ?)",
        Timestamp.from(now.plus(properties.claimTimeout())), id, Timestamp.from(now)));
    if (claimed == null || claimed != 1) {
      return;
    }
    var text = jdbc.queryForMap("select request_id, recipient, body, attempts from dsr_sms_outbox where id = ?", id);
    long requestId = ((Number) text.get("request_id")).longValue();
    int attempt = ((Number) text.get("attempts")).intValue() + 1;
    try {
      gateway.send("dsr-sms-" + id, (String) text.get("recipient"), (String) text.get("body"));
    } catch (SmsGateway.SmsGatewayException e) {
      var next = clock.instant().plus(backOff(attempt));
      transactions.executeWithoutResult(tx -> {
        jdbc.update("update dsr_sms_outbox set attempts = ?, next_attempt_at = ?, claimed_until = null, last_error = ? "
            + "where id = ?", attempt, Timestamp.from(next), e.getMessage(), id);
        audit.record(requestId, AuditTrail.SYSTEM, AuditAction.SMS_FAILED, "Text " + id + " (phone code), attempt "
            + attempt + " failed: " + e.getMessage() + "; retried until the code expires", null);
      });
      log.warn("Text {} attempt {} failed: {}; will retry", id, attempt, e.getMessage());
      return;
    }
    transactions.executeWithoutResult(tx -> {
      jdbc.update("update dsr_sms_outbox set status = 'SENT', body = null, attempts = ?, sent_at = ?, "
          + "claimed_until = null where id = ?", attempt, Timestamp.from(clock.instant()), id);
      audit.record(requestId, AuditTrail.SYSTEM, AuditAction.SMS_SENT, "Text " + id + " (phone code) sent", null);
    });
    log.info("Sent text {} (phone code)", id);
  }

  private void dropExpired() {
    var now = Timestamp.from(clock.instant());
    for (var expired : jdbc.queryForList("select id, request_id from dsr_sms_outbox where status = 'PENDING' "
        + "and send_until <= ?", now)) {
      long id = ((Number) expired.get("id")).longValue();
      long requestId = ((Number) expired.get("request_id")).longValue();
      transactions.executeWithoutResult(tx -> {
        if (jdbc.update("update dsr_sms_outbox set status = 'DROPPED', body = null where id = ? and status = 'PENDING'",
            id) == 1) {
          audit.record(requestId, AuditTrail.SYSTEM, AuditAction.SMS_FAILED,
              "Text " + id + " (phone code) dropped: not sent before the code expired", null);
        }
      });
    }
  }

  Duration backOff(int attempt) {
    var delay = properties.retryInitialDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
    return delay.compareTo(properties.retryMaxDelay()) > 0 ? properties.retryMaxDelay() : delay;
  }
}
