package org.dsrpipeline.request;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.delivery.Transmissions;
import org.dsrpipeline.deadline.ClockStart;
import org.dsrpipeline.deadline.Deadline;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.security.OneTimeTokens;
import org.dsrpipeline.workflow.RequestWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts a request: stores it, records the evidence, queues the emails and starts its process,
 * all in one transaction, so that a failure leaves nothing behind.
 */
@Service
class IntakeService {

  private static final Logger log = LoggerFactory.getLogger(IntakeService.class);
  static final String ART_12 = "GDPR Art. 12(3)";

  private final DataSubjectRequestRepository requests;
  private final VerificationTokenRepository tokens;
  private final RequestNumbers numbers;
  private final LegalClock legalClock;
  private final RequestProperties properties;
  private final RequesterNotices notices;
  private final AuditTrail audit;
  private final RequestWorkflow workflow;
  private final Transmissions transmissions;
  private final Clock clock;

  IntakeService(DataSubjectRequestRepository requests, VerificationTokenRepository tokens,
      RequestNumbers numbers, LegalClock legalClock, RequestProperties properties,
      RequesterNotices notices, AuditTrail audit, RequestWorkflow workflow, Transmissions transmissions, Clock clock) {
    this.transmissions = transmissions;
    this.requests = requests;
    this.tokens = tokens;
    this.numbers = numbers;
    this.legalClock = legalClock;
    this.properties = properties;
    this.notices = notices;
    this.audit = audit;
    this.workflow = workflow;
    this.clock = clock;
  }

  record Accepted(DataSubjectRequest request, String statusUrl) {
  }

  @Transactional
  public Accepted receive(Submission submission) {
    var now = clock.instant();
    var number = numbers.next(submission.receivedAt(), legalClock.zone());
    var earlier = earlierRequestsOf(submission.requester().email());
    var request = new DataSubjectRequest(number.id(), number.reference(), submission.type(),
        submission.channel(), submission.requester(), submission.details(), submission.corrections(),
        submission.receivedAt(), submission.recordedBy());
    request.objectTo(submission.objectionScope());

    // A request the DPO already identified starts its clock at receipt, whatever the setting.
    Deadline deadline = null;
    if (submission.identityVerified()) {
      request.confirmIdentity(now);
    }
    if (submission.identityVerified() || legalClock.startsAt() == ClockStart.RECEIPT) {
      deadline = legalClock.firstDeadline(submission.receivedAt());
      request.startClock(submission.receivedAt(), deadline);
    }
    requests.save(request);
    if (submission.transmitTo() != null) {
      requests.flush();
      transmissions.requested(request.id(), submission.transmitTo());
    }

    var receivedBy = submission.recordedBy() == null ? AuditTrail.REQUESTER : submission.recordedBy();
    audit.record(request.id(), receivedBy, AuditAction.RECEIVED,
        request.type() + (request.objectionScope() == null ? "" : " (" + request.objectionScope() + ")")
            + " request received via " + request.channel()
            + (deadline == null ? "; the deadline starts when identity is confirmed"
                : "; due " + deadline.dueDate()), ART_12);
    if (submission.recordedBy() != null) {
      audit.record(request.id(), submission.recordedBy(), AuditAction.RECORDED_BY_DPO,
          "Recorded with receipt date " + submission.receivedAt(), ART_12);
    }

    var lang = request.language();
    var received = new HashMap<String, Object>();
    received.put("receivedDate", notices.date(request.receivedAt(), lang));
    received.put("dueDate", notices.date(request.dueDate(), lang));
    notices.send(request, "received", received);

    var verificationDeadline = verificationDeadline(now, deadline);
    if (submission.identityVerified()) {
      audit.record(request.id(), submission.recordedBy(), AuditAction.IDENTITY_CONFIRMED,
          "Identity confirmed by the DPO when recording the request", "GDPR Art. 12(6)");
    } else {
      var token = OneTimeTokens.newToken();
      tokens.save(new VerificationToken(request.id(), OneTimeTokens.hash(token), verificationDeadline));
      var verify = new HashMap<String, Object>();
      verify.put("verificationUrl", notices.verificationUrl(token));
      verify.put("verificationDeadline", notices.date(verificationDeadline, lang));
      notices.send(request, "verify-identity", verify);
      audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.VERIFICATION_REQUESTED,
          "Identity confirmation link sent, valid until " + verificationDeadline, "GDPR Art. 12(6)");
    }

    workflow.start(new RequestWorkflow.Start(request.reference(), request.type().name(),
        request.type().processKey(), submission.identityVerified(), verificationDeadline, deadline,
        earlier, request.objectionScope() == null ? null : request.objectionScope().name()));
    log.info("Request {} ({}) received via {}", request.reference(), request.type(), request.channel());
    return new Accepted(request, notices.statusUrl(request));
  }

  /**
   * The identity link is valid for the configured wait, but not past a legal deadline that is
   * already running, so that an unconfirmed request does not outlive its deadline unnoticed; and
   * never shorter than the minimum wait, so that a letter the DPO records late still gives its
   * requester time to confirm (the DPO then decides, see processes/data-subject-request.bpmn).
   */
  private Instant verificationDeadline(Instant now, Deadline deadline) {
    var end = now.plus(properties.verificationWait());
    if (deadline != null && deadline.dueAt().isBefore(end)) {
      end = deadline.dueAt();
    }
    var earliest = now.plus(properties.minVerificationWait());
    return end.isBefore(earliest) ? earliest : end;
  }

  /**
   * For the DPO's Art. 12(5) decision: the requester's earlier requests whose identity was
   * confirmed (the ten newest listed), and apart the number of unconfirmed ones, which anyone
   * could have filed in their name. References, types, dates and outcomes only, and bounded,
   * whatever the history: this text becomes a process variable (at most 4,000 characters).
   */
  private String earlierRequestsOf(String email) {
    var confirmed = requests.countByEmailIgnoreCaseAndIdentityVerifiedAtIsNotNull(email);
    var unconfirmed = requests.countByEmailIgnoreCaseAndIdentityVerifiedAtIsNull(email);
    if (confirmed == 0 && unconfirmed == 0) {
      return "None";
    }
    var text = new StringBuilder("Confirmed earlier requests: " + confirmed);
    var listed = requests.findFirst10ByEmailIgnoreCaseAndIdentityVerifiedAtIsNotNullOrderByReceivedAtDesc(email);
    listed.forEach(r -> text.append("\n").append("%s: %s, received %s, %s".formatted(r.reference(), r.type(),
        legalClock.localDate(r.receivedAt()), r.status())));
    if (confirmed > listed.size()) {
      text.append("\n(").append(confirmed - listed.size()).append(" older confirmed requests not listed)");
    }
    text.append("\nUnconfirmed earlier requests (identity never confirmed, so anyone may have filed them): ")
        .append(unconfirmed);
    return text.toString();
  }
}
