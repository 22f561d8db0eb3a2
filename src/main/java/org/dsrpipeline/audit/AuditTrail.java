package org.dsrpipeline.audit;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
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

  /**
   * Who took the latest step of this kind: the later steps of a decision (refusing, extending,
   * answering) name the user recorded when the DPO completed the task, which no process variable can change.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<String> lastActor(Long requestId, AuditAction action) {
    return events.findFirstByRequestIdAndActionOrderByIdDesc(requestId, action.name()).map(AuditEvent::actor);
  }

  @Transactional(readOnly = true)
  public List<AuditEvent> of(Long requestId) {
    return events.findByRequestIdOrderByOccurredAtAscIdAsc(requestId);
  }
}
