package org.dsrpipeline.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox emails, at least once. Each email is first claimed by a conditional update
 * (until a time that is also the claim's token), so with several engine nodes on one database one node
 * sends it; the result is written only while that claim is still held, so a node whose claim expired
 * never overwrites the result of the node that took the email over. A failed attempt is retried with
 * exponential back-off and never lost; an email that can never go is failed at once and the DPO is told.
 */
@Component
class OutboxSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
  private static final Pattern REFERENCE = Pattern.compile("DSR-\\d{4}-\\d{6,}");
  /** The width of {@code dsr_email_outbox.last_error} and of {@code dsr_audit_event.outcome}. */
  static final int ERROR_COLUMN = 500;

  private final OutboxRepository emails;
  private final JavaMailSender mailSender;
  private final MailProperties properties;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final MessageIds messageIds;
  private final Clock clock;

  OutboxSender(OutboxRepository emails, JavaMailSender mailSender, MailProperties properties,
      AuditTrail audit, Outbox outbox, TransactionTemplate transactions, MessageIds messageIds, Clock clock) {
    this.emails = emails;
    this.mailSender = mailSender;
    this.properties = properties;
    this.audit = audit;
    this.outbox = outbox;
    this.transactions = transactions;
    this.messageIds = messageIds;
    this.clock = clock;
  }

  /** A claim on one email: {@code until} is written in the row and every later update requires it there. */
  record Claim(Long id, Instant until) {
  }

  @Scheduled(fixedDelayString = "${dsr.mail.poll-interval:PT2S}")
  void sendDueEmails() {
    var due = emails.findDue(clock.instant(), PageRequest.of(0, properties.batchSize()));
    due.forEach(this::deliver);
  }

  /** Sends one email unless another node, or an earlier run, holds it or sent it. */
  void deliver(Long id) {
    claim(id).ifPresent(this::send);
  }

  Optional<Claim> claim(Long id) {
    var now = clock.instant();
    // Millisecond precision: the database keeps microseconds, and the value must compare equal later.
    var until = now.plus(properties.claimTimeout()).truncatedTo(ChronoUnit.MILLIS);
    Integer claimed = transactions.execute(tx -> emails.claim(id, now, until));
    return claimed != null && claimed == 1 ? Optional.of(new Claim(id, until)) : Optional.empty();
  }

  void send(Claim claim) {
    var email = emails.findById(claim.id()).orElseThrow();
    MimeMessage message;
    try {
      message = toMessage(email);
    } catch (MessagingException | RuntimeException e) {
      recordFailure(claim, email, e, Optional.of("the email cannot be built"));
      return;
    }
    try {
      mailSender.send(message);
    } catch (MailParseException | MailPreparationException e) {
      recordFailure(claim, email, e, Optional.of("the email cannot be built"));
      return;
    } catch (MailException e) {
      recordFailure(claim, email, e, SmtpRejection.permanentReply(e).map(code -> "refused by the mail server (" + code + ")"));
      return;
    }
    Integer marked = transactions.execute(tx -> {
      int changed = emails.markSent(claim.id(), clock.instant(), claim.until());
      if (changed == 1 && email.requestId() != null) {
        audit.record(email.requestId(), AuditTrail.SYSTEM, AuditAction.EMAIL_SENT,
            "Email '" + email.template() + "' sent", null);
      }
      return changed;
    });
    if (marked != null && marked == 1) {
      log.info("Sent outbox email {} ({})", claim.id(), email.template());
    } else {
      log.warn("Sent outbox email {} ({}) after its claim expired; another node took it over and its result stands",
          claim.id(), email.template());
    }
  }

  private MimeMessage toMessage(OutboxEmail email) throws MessagingException {
    // A Message-ID stable across attempts lets mail systems drop the duplicate if a node dies between send and commit.
    var messageId = messageIds.of(email.id());
    var message = new MimeMessage((Session) null) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
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
   * it takes. An email that can never go ({@code permanent}: the server refused it for good with an SMTP
   * 5xx, or the message cannot be built, e.g. an address the mail library refuses) fails at once, and the
   * DPO is told. The failure mark commits on its own, before and whatever happens to the evidence and the
   * DPO's email; both are written only while this node still holds the claim.
   */
  private void recordFailure(Claim claim, OutboxEmail email, Exception e, Optional<String> permanent) {
    int attempt = email.attempts() + 1;
    var next = clock.instant().plus(backOff(attempt));
    var error = describe(e);
    Integer marked = transactions.execute(tx -> emails.markFailedAttempt(claim.id(),
        permanent.isPresent() ? OutboxEmail.Status.FAILED : OutboxEmail.Status.PENDING, next, error, claim.until()));
    if (marked == null || marked == 0) {
      log.warn("Outbox email {} ({}) attempt {} failed after its claim expired; another node took it over and its "
          + "result stands: {}", claim.id(), email.template(), attempt, error);
      return;
    }
    log.warn("Outbox email {} ({}) attempt {} failed: {}{}", email.id(), email.template(), attempt, error,
        permanent.isPresent() ? "; " + permanent.get() + ", failed for good, the DPO is told and can retry it"
            : "; will retry");
    permanent.ifPresent(why -> tellTheDpo(email, why, error));
  }

  private void tellTheDpo(OutboxEmail email, String why, String error) {
    var toDpo = !email.recipient().equalsIgnoreCase(properties.dpoAddress());
    try {
      transactions.executeWithoutResult(tx -> {
        if (email.requestId() != null) {
          audit.record(email.requestId(), AuditTrail.SYSTEM, AuditAction.EMAIL_FAILED,
              fit("Email '" + email.template() + "' " + why + ": " + error, ERROR_COLUMN), null);
        }
        if (toDpo) {
          queueDpoEmail(email, why, error);
        }
      });
    } catch (RuntimeException evidenceFailed) {
      log.error("Outbox email {} ({}): the EMAIL_FAILED event could not be recorded ({}); telling the DPO without it",
          email.id(), email.template(), evidenceFailed.getClass().getSimpleName());
      if (toDpo) {
        transactions.executeWithoutResult(tx -> queueDpoEmail(email, why, error));
      }
    }
  }

  private void queueDpoEmail(OutboxEmail email, String why, String error) {
    outbox.queue(email.requestId(), properties.dpoAddress(), "en", "dpo-email-failed", Map.of(
        "emailId", email.id(), "template", email.template(), "why", why, "error", error,
        "reference", referenceOf(email.subject())));
  }

  private static String referenceOf(String subject) {
    var matcher = REFERENCE.matcher(subject == null ? "" : subject);
    return matcher.find() ? matcher.group() : "-";
  }

  Duration backOff(int attempt) {
    var delay = properties.retryInitialDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
    return delay.compareTo(properties.retryMaxDelay()) > 0 ? properties.retryMaxDelay() : delay;
  }

  /** The error's kind and message, with anything that looks like an email address removed, cut to its column. */
  static String describe(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof AddressException) {
        break;
      }
      root = root.getCause();
    }
    if (root instanceof AddressException) {
      // its message quotes the address itself
      return "AddressException: the recipient's or the sender's address is not a valid email address";
    }
    var text = root.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage());
    text = text.replaceAll("[^\\s<>\"]+@[^\\s<>\"]+", "<address>");
    return fit(text, ERROR_COLUMN);
  }

  static String fit(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
