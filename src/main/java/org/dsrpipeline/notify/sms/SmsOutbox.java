package org.dsrpipeline.notify.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a text into the SMS outbox inside the caller's transaction; {@link SmsSender} sends it after
 * commit. One text per code (unique {@code code_id}), so a code is never texted twice; a text not sent
 * by {@code sendUntil} (the code's expiry) is dropped instead.
 */
@Service
public class SmsOutbox {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  SmsOutbox(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void queue(long requestId, long codeId, String recipient, String text, Instant sendUntil) {
    var now = Timestamp.from(clock.instant());
    jdbc.update("insert into dsr_sms_outbox (request_id, code_id, recipient, body, status, attempts, next_attempt_at, "
        + "send_until, created_at) values (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)", requestId, codeId, recipient, text, now,
        Timestamp.from(sendUntil), now);
  }
}
