package org.dsrpipeline.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox emails. Each email is first claimed by a conditional update, so with
 * several engine nodes on one database exactly one node sends it; a failed attempt is retried
 * with exponential back-off and never lost.
 */
@Component
class OutboxSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
  private static final Pattern REFERENCE = Pattern.compile("DSR-\\d{4}-\\d{6,}");

  private final OutboxRepository emails;
  private final JavaMailSender mailSender;
  private final MailProperties properties;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final Clock clock;

  OutboxSender(OutboxRepository emails, JavaMailSender mailSender, MailProperties properties,
      AuditTrail audit, Outbox outbox, TransactionTemplate transactions, Clock clock) {
    this.emails = emails;
    this.mailSender = mailSender;
    this.properties = properties;
    this.audit = audit;
    this.outbox = outbox;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${dsr.mail.poll-interval:PT2S}")
  void sendDueEmails() {
    var due = emails.findDue(clock.instant(), PageRequest.of(0, properties.batchSize()));
    due.forEach(this::deliver);
  }

  /** Sends one email unless another node, or an earlier run, holds it or sent it. */
  void deliver(Long id) {
    if (claim(id)) {
      send(id);
    }
  }

  private boolean claim(Long id) {
    var now = clock.instant();
    Integer claimed = transactions.execute(tx -> emails.claim(id, now, now.plus(properties.claimTimeout())));
    return claimed != null && claimed == 1;
  }

  private void send(Long id) {
    var email = emails.findById(id).orElseThrow();
    try {
      mailSender.send(toMessage(email));
    } catch (MailException | MessagingException e) {
      recordFailure(email, e);
      return;
    }
    transactions.executeWithoutResult(tx -> {
      emails.markSent(id, clock.instant());
      if (email.requestId() != null) {
        audit.record(email.requestId(), AuditTrail.SYSTEM, AuditAction.EMAIL_SENT,
            "Email '" + email.template() + "' sent", null);
      }
    });
    log.info("Sent outbox email {} ({})", id, email.template());
  }

  private MimeMessage toMessage(OutboxEmail email) throws MessagingException {
    // A stable Message-ID lets mail systems drop the duplicate if a node dies between send and commit.
    var message = new MimeMessage((Session) null) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", "<dsr-outbox-" + email.id() + "@dsr-pipeline>");
      }
    };
    var helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
    helper.setFrom(new InternetAddress(properties.from(), true));
    helper.setTo(new InternetAddress(email.recipient(), true));
    helper.setSubject(email.subject());
    helper.setText(email.body(), true);
    return message;
  }

  /**
   * A server that is down or busy only delays an email: it is retried, with back-off, for as long as
   * it takes. A server that refuses it for good (SMTP 5xx) fails it at once, and the DPO is told.
   */
  private void recordFailure(OutboxEmail email, Exception e) {
    int attempt = email.attempts() + 1;
    var refusal = SmtpRejection.permanentReply(e);
    var next = clock.instant().plus(backOff(attempt));
    var error = describe(e);
    transactions.executeWithoutResult(tx -> {
      emails.markFailedAttempt(email.id(), refusal.isPresent() ? OutboxEmail.Status.FAILED : OutboxEmail.Status.PENDING,
          next, error);
      if (refusal.isPresent()) {
        if (email.requestId() != null) {
          audit.record(email.requestId(), AuditTrail.SYSTEM, AuditAction.EMAIL_FAILED,
              "Email '" + email.template() + "' refused by the mail server (" + refusal.get() + "): " + error, null);
        }
        if (!email.recipient().equalsIgnoreCase(properties.dpoAddress())) {
          outbox.queue(email.requestId(), properties.dpoAddress(), "en", "dpo-email-failed", Map.of(
              "emailId", email.id(), "template", email.template(), "error", error,
              "reference", referenceOf(email.subject())));
        }
      }
    });
    log.warn("Outbox email {} ({}) attempt {} failed: {}{}", email.id(), email.template(), attempt, error,
        refusal.isPresent() ? "; refused for good, the DPO is told and can retry it" : "; will retry");
  }

  private static String referenceOf(String subject) {
    var matcher = REFERENCE.matcher(subject);
    return matcher.find() ? matcher.group() : "-";
  }

  Duration backOff(int attempt) {
    var delay = properties.retryInitialDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
    return delay.compareTo(properties.retryMaxDelay()) > 0 ? properties.retryMaxDelay() : delay;
  }

  /** The error's kind and message, with anything that looks like an email address removed. */
  private static String describe(Exception e) {
    var root = e;
    while (root.getCause() instanceof Exception cause && cause != root) {
      root = cause;
    }
    var text = root.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage());
    text = text.replaceAll("[^\\s<>\"]+@[^\\s<>\"]+", "<address>");
    return text.length() > 500 ? text.substring(0, 500) : text;
  }
}
