package org.dsrpipeline.request;

import java.time.Clock;
import java.util.Map;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.deadline.Deadline;
import org.dsrpipeline.deadline.LegalClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to a request after intake, step by step as the process calls for it. Every step is
 * safe to run twice (a job can run again after a crash): a step already taken is not repeated.
 */
@Service
public class RequestLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RequestLifecycle.class);
  private static final String ART_12_5 = "GDPR Art. 12(5)";

  private final DataSubjectRequestRepository requests;
  private final VerificationTokenRepository tokens;
  private final LegalClock legalClock;
  private final RequesterNotices notices;
  private final AuditTrail audit;
  private final Clock clock;

  RequestLifecycle(DataSubjectRequestRepository requests, VerificationTokenRepository tokens,
      LegalClock legalClock, RequesterNotices notices, AuditTrail audit, Clock clock) {
    this.requests = requests;
    this.tokens = tokens;
    this.legalClock = legalClock;
    this.notices = notices;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public void closeUnverified(String reference) {
    var request = load(reference);
    if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
      return;
    }
    request.close(RequestStatus.CLOSED_UNVERIFIED, clock.instant());
    var deadline = tokens.findFirstByRequestIdOrderByExpiresAtDesc(request.id())
        .map(t -> t.expiresAt()).orElse(clock.instant());
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.CLOSED_UNVERIFIED,
        "Closed: identity not confirmed by " + deadline + "; no personal data was processed", "GDPR Art. 12(6)");
    notices.send(request, "closed-unverified",
        Map.of("verificationDeadline", notices.date(deadline, request.language())));
    log.info("Request {} closed: identity not confirmed in time", reference);
  }

  /** Fails when the law no longer allows an extension; the DPO sees why in Tasklist. */
  @Transactional(readOnly = true)
  public void checkExtensionAllowed(String reference) {
    var request = load(reference);
    if (request.extended()) {
      throw new ExtensionNotAllowedException("Request " + reference + " was already extended once.");
    }
    if (request.firstDueAt() == null || clock.instant().isAfter(request.firstDueAt())) {
      throw new ExtensionNotAllowedException("Request " + reference
          + " can no longer be extended: the first deadline has passed (GDPR Art. 12(3)).");
    }
    if (request.status().isClosed()) {
      throw new ExtensionNotAllowedException("Request " + reference + " is already closed.");
    }
  }

  @Transactional
  public Deadline extend(String reference, String reason, String actor) {
    var request = load(reference);
    if (request.extended()) {
      return legalClock.deadlineOn(request.dueDate());
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("An extension of " + reference + " needs a reason for the requester");
    }
    var deadline = legalClock.extendedDeadline(request.clockStartedAt());
    request.extend(deadline, reason.strip());
    audit.record(request.id(), actor, AuditAction.DEADLINE_EXTENDED,
        "Deadline extended to " + deadline.dueDate() + ". Reason: " + reason.strip(), "GDPR Art. 12(3)");
    notices.send(request, "deadline-extended", Map.of(
        "reason", reason.strip(),
        "newDueDate", notices.date(deadline.dueDate(), request.language())));
    log.info("Request {}: deadline extended to {}", reference, deadline.dueDate());
    return deadline;
  }

  @Transactional
  public void remindDpo(String reference) {
    var request = load(reference);
    if (request.status().isClosed()) {
      return;
    }
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.DPO_REMINDED,
        "DPO reminded: due " + request.dueDate(), null);
    notices.sendToDpo(request, "dpo-reminder");
  }

  @Transactional
  public void markOverdue(String reference) {
    var request = load(reference);
    if (request.status() != RequestStatus.IN_PROGRESS) {
      return;
    }
    request.markOverdue();
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.OVERDUE,
        "Legal deadline " + request.dueDate() + " passed without an answer; escalated to the DPO", "GDPR Art. 12(3)");
    notices.sendToDpo(request, "dpo-overdue");
    log.warn("Request {} is overdue (due {})", reference, request.dueDate());
  }

  @Transactional
  public void recordOverdueAnswer(String reference, String note, String actor) {
    var request = load(reference);
    audit.record(request.id(), actor, AuditAction.OVERDUE_ANSWERED,
        "Overdue escalation handled" + (note == null || note.isBlank() ? "" : ". Note: " + note.strip()), null);
  }

  @Transactional
  public void refuse(String reference, String reasons, String actor) {
    var request = load(reference);
    if (request.status().isClosed()) {
      return;
    }
    if (reasons == null || reasons.isBlank()) {
      throw new IllegalArgumentException("A refusal of " + reference + " needs reasons for the requester");
    }
    request.recordRefusal(reasons.strip());
    request.close(RequestStatus.REFUSED, clock.instant());
    audit.record(request.id(), actor, AuditAction.REFUSED,
        "Refused as manifestly unfounded or excessive. Reasons: " + reasons.strip(), ART_12_5);
    notices.send(request, "refused", Map.of("reasons", reasons.strip()));
    log.info("Request {} refused", reference);
  }

  @Transactional
  public void complete(String reference, String outcomeSummary, String actor) {
    var request = load(reference);
    if (request.status().isClosed()) {
      return;
    }
    var summary = outcomeSummary == null ? "" : outcomeSummary.strip();
    request.recordOutcome(summary);
    request.close(RequestStatus.COMPLETED, clock.instant());
    audit.record(request.id(), actor, AuditAction.COMPLETED,
        "Answered" + (clock.instant().isAfter(request.dueAt()) ? " after the deadline " + request.dueDate() : "")
            + ". Outcome: " + summary, "GDPR Art. " + articleOf(request.type()));
    notices.send(request, "completed", Map.of("outcomeSummary", summary));
    log.info("Request {} completed", reference);
  }

  private static String articleOf(RequestType type) {
    return switch (type) {
      case ACCESS -> "15";
      case RECTIFICATION -> "16";
      case ERASURE -> "17";
      case RESTRICTION -> "18";
      case PORTABILITY -> "20";
      case OBJECTION -> "21";
    };
  }

  private DataSubjectRequest load(String reference) {
    return requests.findByReference(reference)
        .orElseThrow(() -> new IllegalStateException("No request with reference " + reference));
  }
}
