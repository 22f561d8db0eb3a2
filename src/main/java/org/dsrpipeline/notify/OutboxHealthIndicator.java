package org.dsrpipeline.notify;

import jakarta.mail.MessagingException;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Health component {@code outbox}: whether the SMTP server answers, and how many emails wait or gave up.
 * An unreachable server only delays mail (the outbox keeps it and retries), so it is reported as
 * UNKNOWN, which never takes the service's overall, liveness or readiness status down.
 */
@Component // bean outboxHealthIndicator: health component "outbox"
class OutboxHealthIndicator extends AbstractHealthIndicator {

  private final JavaMailSenderImpl mailSender;
  private final OutboxRepository emails;

  OutboxHealthIndicator(JavaMailSenderImpl mailSender, OutboxRepository emails) {
    super("Outbox health check failed");
    this.mailSender = mailSender;
    this.emails = emails;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("pending", emails.countByStatus(OutboxEmail.Status.PENDING))
        .withDetail("failed", emails.countByStatus(OutboxEmail.Status.FAILED))
        .withDetail("smtpServer", mailSender.getHost() + ":" + mailSender.getPort());
    try {
      mailSender.testConnection();
      builder.up().withDetail("smtp", "reachable");
    } catch (MessagingException e) {
      builder.status(Status.UNKNOWN).withDetail("smtp", "unreachable: mail waits in the outbox and is retried")
          .withDetail("error", e.getClass().getSimpleName());
    }
  }
}
