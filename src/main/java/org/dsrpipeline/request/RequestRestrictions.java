package org.dsrpipeline.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The request-level state of a restriction (Art. 18): restricted once every store is, the DPO's decision to lift
 * it, the requester told before the lift (Art. 18(3)) and after it. Each step is safe to run twice.
 */
@Service
public class RequestRestrictions {

  private static final Logger log = LoggerFactory.getLogger(RequestRestrictions.class);
  private static final String ART_18_1 = "GDPR Art. 18(1)";
  private static final String ART_18_3 = "GDPR Art. 18(3)";

  private final DataSubjectRequestRepository requests;
  private final RequesterNotices notices;
  private final AuditTrail audit;
  private final Clock clock;

  RequestRestrictions(DataSubjectRequestRepository requests, RequesterNotices notices, AuditTrail audit,
      Clock clock) {
    this.requests = requests;
    this.notices = notices;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public void markRestricted(String reference) {
    var request = load(reference);
    if (request.restrictedAt() != null) {
      return;
    }
    request.restrict(clock.instant());
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.RESTRICTED,
        "Restricted in every store; the data is kept but not used until the DPO lifts the restriction", ART_18_1);
    log.info("Request {}: restricted", reference);
  }

  /** The DPO's decision to lift, with the user who took it and the reason (required). */
  @Transactional
  public void recordLiftDecision(String reference, String reason, String actor) {
    var request = load(reference);
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("Lifting the restriction of " + reference + " needs a reason");
    }
    request.recordRestrictionLiftReason(reason.strip());
    audit.record(request.id(), actor, AuditAction.RESTRICTION_LIFT_DECIDED,
        "Decided to lift the restriction. Reason: " + reason.strip(), ART_18_3);
  }

  /** Tells the requester that the restriction will be lifted after {@code notice}; answers when. */
  @Transactional
  public Instant announceLift(String reference, Duration notice) {
    var request = load(reference);
    if (request.restrictionLiftsAt() != null) {
      return request.restrictionLiftsAt();
    }
    var liftsAt = clock.instant().plus(notice);
    request.announceRestrictionLift(liftsAt);
    audit.record(request.id(), decidedBy(request), AuditAction.RESTRICTION_LIFT_ANNOUNCED,
        "Requester told that the restriction will be lifted on " + liftsAt, ART_18_3);
    notices.send(request, "restriction-lifting", Map.of(
        "liftDate", notices.date(liftsAt, request.language()),
        "reason", request.restrictionLiftReason() == null ? "" : request.restrictionLiftReason()));
    log.info("Request {}: restriction lifts at {}", reference, liftsAt);
    return liftsAt;
  }

  /** Every store is unrestricted: the request is no longer restricted, and the requester is told. */
  @Transactional
  public void markLifted(String reference) {
    var request = load(reference);
    if (request.restrictionLiftedAt() != null) {
      return;
    }
    request.liftRestriction(clock.instant());
    audit.record(request.id(), decidedBy(request), AuditAction.RESTRICTION_LIFTED,
        "Restriction lifted in every store", ART_18_3);
    notices.send(request, "restriction-lifted", Map.of());
    log.info("Request {}: restriction lifted", reference);
  }

  private String decidedBy(DataSubjectRequest request) {
    return audit.lastActor(request.id(), AuditAction.RESTRICTION_LIFT_DECIDED).orElse(RequestLifecycle.UNKNOWN_DPO_USER);
  }

  private DataSubjectRequest load(String reference) {
    return requests.findByReference(reference)
        .orElseThrow(() -> new IllegalStateException("No request with reference " + reference));
  }
}
