package org.dsrpipeline.audit;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The accountability record of every request: who did what, when, with what outcome and legal basis. */
@Service
public class AuditTrail {

  public static final String SYSTEM = "system";
  public static final String REQUESTER = "requester";

  private final AuditEventRepository events;
  private final Clock clock;

  AuditTrail(AuditEventRepository events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public AuditEvent record(Long requestId, String actor, AuditAction action, String outcome,
      String legalBasis) {
    return events.save(new AuditEvent(requestId, clock.instant(), actor, action, outcome, legalBasis));
  }

  @Transactional(readOnly = true)
  public List<AuditEvent> of(Long requestId) {
    return events.findByRequestIdOrderByOccurredAtAscIdAsc(requestId);
  }
}
