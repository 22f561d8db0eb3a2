package org.dsrpipeline.request;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.deadline.ClockStart;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.security.OneTimeTokens;
import org.dsrpipeline.workflow.RequestWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirms a requester's identity from their one-time link. Looking at the link ({@link #inspect})
 * changes nothing, so that mail scanners and link previews cannot confirm anything; only
 * {@link #confirm} does, once: the link is claimed with a conditional update, so of two
 * confirmations at once one wins and the other is told the link was already used.
 */
@Service
class IdentityVerification {

  private static final Logger log = LoggerFactory.getLogger(IdentityVerification.class);

  /** {@code PENDING}: a genuine, unused link whose request waits for confirmation (only {@link #inspect} answers it). */
  enum Outcome { PENDING, CONFIRMED, ALREADY_USED, EXPIRED, INVALID }

  record Result(Outcome outcome, Optional<DataSubjectRequest> request) {
  }

  private final VerificationTokenRepository tokens;
  private final DataSubjectRequestRepository requests;
  private final LegalClock legalClock;
  private final RequesterNotices notices;
  private final AuditTrail audit;
  private final RequestWorkflow workflow;
  private final Clock clock;

  IdentityVerification(VerificationTokenRepository tokens, DataSubjectRequestRepository requests,
      LegalClock legalClock, RequesterNotices notices, AuditTrail audit, RequestWorkflow workflow,
      Clock clock) {
    this.tokens = tokens;
    this.requests = requests;
    this.legalClock = legalClock;
    this.notices = notices;
    this.audit = audit;
    this.workflow = workflow;
    this.clock = clock;
  }

  /** What the link would do, without changing anything. */
  @Transactional(readOnly = true)
  public Result inspect(String token) {
    return check(token, clock.instant()).result();
  }

  @Transactional
  public Result confirm(String token) {
    var now = clock.instant();
    var checked = check(token, now);
    if (checked.result().outcome() != Outcome.PENDING) {
      return checked.result();
    }
    var link = checked.link();
    var request = checked.result().request().orElseThrow();
    if (tokens.claim(link.id(), now) == 0) {
      log.info("Request {}: identity confirmation link used at the same time by another call; nothing changed",
          request.reference());
      return new Result(Outcome.ALREADY_USED, Optional.of(request));
    }

    request.confirmIdentity(now);
    if (legalClock.startsAt() == ClockStart.VERIFICATION) {
      request.startClock(now, legalClock.firstDeadline(now));
    }
    var deadline = legalClock.deadlineOn(request.dueDate());
    audit.record(request.id(), AuditTrail.REQUESTER, AuditAction.IDENTITY_CONFIRMED,
        "Identity confirmed through the emailed link; due " + request.dueDate(), "GDPR Art. 12(6)");
    notices.send(request, "identity-confirmed",
        Map.of("dueDate", notices.date(request.dueDate(), request.language())));
    workflow.confirmIdentity(request.reference(), deadline);
    log.info("Request {}: identity confirmed", request.reference());
    return new Result(Outcome.CONFIRMED, Optional.of(request));
  }

  private record Checked(Result result, VerificationToken link) {
  }

  private Checked check(String token, Instant now) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return new Checked(new Result(Outcome.INVALID, Optional.empty()), null);
    }
    var found = tokens.findByTokenHash(OneTimeTokens.hash(token));
    if (found.isEmpty()) {
      log.info("Identity confirmation with an unknown link refused");
      return new Checked(new Result(Outcome.INVALID, Optional.empty()), null);
    }
    var link = found.get();
    var request = requests.findById(link.requestId()).orElseThrow();
    if (link.isUsed() || request.identityVerifiedAt() != null) {
      log.info("Request {}: identity confirmation link used again; nothing changed", request.reference());
      return new Checked(new Result(Outcome.ALREADY_USED, Optional.of(request)), link);
    }
    if (link.isExpiredAt(now) || request.status() != RequestStatus.AWAITING_VERIFICATION
        || !workflow.isAwaitingIdentity(request.reference())) {
      log.info("Request {}: expired identity confirmation link refused", request.reference());
      return new Checked(new Result(Outcome.EXPIRED, Optional.of(request)), link);
    }
    return new Checked(new Result(Outcome.PENDING, Optional.of(request)), link);
  }
}
