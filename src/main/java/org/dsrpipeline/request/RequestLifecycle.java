package org.dsrpipeline.request;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.deadline.Deadline;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.delivery.Downloads;
import org.dsrpipeline.rights.StoreWork;
import org.dsrpipeline.rights.controllers.ControllerAnswers;
import org.dsrpipeline.rights.recipients.RecipientAnswers;
import org.dsrpipeline.rights.rectification.Rectifications;
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
  private static final String ART_12_6 = "GDPR Art. 12(6)";
  static final String UNKNOWN_DPO_USER = "unknown DPO user";

  private final DataSubjectRequestRepository requests;
  private final VerificationTokenRepository tokens;
  private final LegalClock legalClock;
  private final RequesterNotices notices;
  private final AuditTrail audit;
  private final StoreWork storeWork;
  private final AnswerComposer answers;
  private final RecipientAnswers recipients;
  private final ControllerAnswers controllers;
  private final Rectifications rectifications;
  private final Downloads downloads;
  private final Clock clock;

  RequestLifecycle(DataSubjectRequestRepository requests, VerificationTokenRepository tokens,
      LegalClock legalClock, RequesterNotices notices, AuditTrail audit, StoreWork storeWork,
      AnswerComposer answers, RecipientAnswers recipients, ControllerAnswers controllers, Rectifications rectifications,
      Downloads downloads,
      Clock clock) {
    this.recipients = recipients;
    this.controllers = controllers;
    this.rectifications = rectifications;
    this.requests = requests;
    this.tokens = tokens;
    this.legalClock = legalClock;
    this.notices = notices;
    this.audit = audit;
    this.storeWork = storeWork;
    this.answers = answers;
    this.downloads = downloads;
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
  public Deadline extend(String reference, String reason) {
    var request = load(reference);
    var actor = decidedBy(request, AuditAction.EXTENSION_DECIDED);
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

  /** The DPO's review decision, with the user who took it: the later refusal names the same user. */
  @Transactional
  public void recordReviewDecision(String reference, boolean refuse, String actor) {
    var request = load(reference);
    audit.record(request.id(), actor, AuditAction.REVIEW_DECIDED, refuse
        ? "Decided to refuse the request as manifestly unfounded or excessive"
        : "Decided to carry out the " + request.type() + " request", refuse ? ART_12_5 : null);
  }

  /** The decision (processes/who-reviews.dmn) that the request is carried out at once, without the DPO's review. */
  @Transactional
  public void recordReviewNotNeeded(String reference) {
    var request = load(reference);
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.REVIEW_NOT_NEEDED,
        "No review needed: processes/who-reviews.dmn lets the " + request.type()
            + (request.objectionScope() == null ? "" : " (" + request.objectionScope() + ")")
            + " request be carried out at once", request.type() == RequestType.OBJECTION ? "GDPR Art. 21(3)" : null);
  }

  @Transactional
  public void recordExtensionDecision(String reference, String actor) {
    var request = load(reference);
    audit.record(request.id(), actor, AuditAction.EXTENSION_DECIDED,
        "Decided to extend the deadline by two months", "GDPR Art. 12(3)");
  }

  @Transactional
  public void recordRightCarriedOut(String reference, String step, String actor) {
    var request = load(reference);
    audit.record(request.id(), actor, AuditAction.RIGHT_CARRIED_OUT, "Completed '" + step + "'",
        "GDPR Art. " + articleOf(request.type()));
  }

  /**
   * The DPO's decision on a request whose identity was still unconfirmed when its verification
   * window closed after the legal deadline: identity checked another way (the request is then
   * handled, and the requester told), or closed unconfirmed.
   */
  @Transactional
  public void decideUnconfirmed(String reference, boolean identityConfirmed, String note, String actor) {
    var request = load(reference);
    var text = note == null ? "" : note.strip();
    audit.record(request.id(), actor, AuditAction.UNCONFIRMED_DECIDED, (identityConfirmed
        ? "Identity confirmed by the DPO after the verification window closed. Note: "
        : "Closed unconfirmed by the DPO after the verification window closed. Note: ") + text, ART_12_6);
    if (identityConfirmed && request.status() == RequestStatus.AWAITING_VERIFICATION) {
      request.confirmIdentity(clock.instant());
      audit.record(request.id(), actor, AuditAction.IDENTITY_CONFIRMED,
          "Identity confirmed by the DPO; due " + request.dueDate(), ART_12_6);
      notices.send(request, "identity-confirmed",
          Map.of("dueDate", notices.date(request.dueDate(), request.language())));
      log.info("Request {}: identity confirmed by the DPO after the verification window", reference);
    }
  }

  @Transactional
  public void refuse(String reference, String reasons) {
    var request = load(reference);
    var actor = decidedBy(request, AuditAction.REVIEW_DECIDED);
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

  /**
   * Closes the request and sends the answer: what each store's work found, did and kept
   * ({@link AnswerComposer}, from the recorded outcomes), and the DPO's note when there is one (optional;
   * for a right that records no outcome yet, the note is the answer). A right carried out with no DPO
   * task (an objection to direct marketing) is answered by the system.
   */
  @Transactional
  public void complete(String reference, String dpoNote) {
    var request = load(reference);
    var actor = audit.lastActor(request.id(), AuditAction.RIGHT_CARRIED_OUT).orElse(AuditTrail.SYSTEM);
    if (request.status().isClosed()) {
      return;
    }
    var note = dpoNote == null || dpoNote.isBlank() ? null : dpoNote.strip();
    var answer = answers.compose(storeWork.outcomes(reference), rectifications.answers(reference),
        request.language());
    request.recordOutcome(note);
    request.close(RequestStatus.COMPLETED, clock.instant());
    var stores = answer.stores().stream().map(s -> s.store() + " " + s.progress())
        .collect(Collectors.joining(", "));
    audit.record(request.id(), actor, AuditAction.COMPLETED,
        "Answered" + (request.dueAt() != null && clock.instant().isAfter(request.dueAt())
            ? " after the deadline " + request.dueDate() : "")
            + (stores.isEmpty() ? "" : ". Stores: " + stores) + (note == null ? "" : ". Note from the DPO: " + note),
        "GDPR Art. " + articleOf(request.type()));
    var variables = new HashMap<String, Object>();
    variables.put("answer", answer);
    variables.put("recipients", recipients.lines(reference, request.language()));
    variables.put("controllers", controllers.lines(reference, request.language()));
    variables.put("outcomeSummary", note);
    // access and portability: the released package's secret link (the download page asks for the email address)
    variables.put("downloadUrl", downloads.linkFor(reference).orElse(null));
    variables.put("downloadUntil", downloads.expiryFor(reference).map(at -> notices.date(at, request.language()))
        .orElse(null));
    notices.send(request, "completed", variables);
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

  /** The user recorded when the DPO completed the task this step acts on. */
  private String decidedBy(DataSubjectRequest request, AuditAction decision) {
    return audit.lastActor(request.id(), decision).orElse(UNKNOWN_DPO_USER);
  }

  private DataSubjectRequest load(String reference) {
    return requests.findByReference(reference)
        .orElseThrow(() -> new IllegalStateException("No request with reference " + reference));
  }
}
