package org.dsrpipeline.request;

import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.connector.manual.ManualAction;
import org.dsrpipeline.connector.manual.ManualActionListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The DPO's answer to a manual action is an event of the request's evidence trail, in the answer's transaction. */
@Component
@Order(0)
class ManualActionEvidence implements ManualActionListener {

  /** dsr_audit_event.outcome (V3): the answer (at most 4,000 characters) always fits whole. */
  private static final int OUTCOME_COLUMN = 10_000;

  private final DataSubjectRequestRepository requests;
  private final AuditTrail audit;

  ManualActionEvidence(DataSubjectRequestRepository requests, AuditTrail audit) {
    this.requests = requests;
    this.audit = audit;
  }

  @Override
  public void answered(ManualAction action, String trackingId) {
    requests.findByReference(action.reference()).ifPresent(request -> {
      var outcome = "Manual action " + action.id() + " in store " + action.store() + " (" + action.operation() + "): "
          + action.status() + ". " + action.answer();
      audit.record(request.id(), action.answeredBy(), AuditAction.MANUAL_ACTION_ANSWERED,
          outcome.length() > OUTCOME_COLUMN ? outcome.substring(0, OUTCOME_COLUMN - 1) + "…" : outcome, null);
    });
  }
}
