package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RestrictionProcess.LIFT_REASON;
import static org.dsrpipeline.workflow.RestrictionProcess.RESTRICTION_LIFTS_AT;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.request.RequestRestrictions;
import org.dsrpipeline.rights.restriction.RestrictionProperties;
import org.springframework.stereotype.Component;

/**
 * Tells the requester that the restriction will be lifted, and when (now + the notice period, once); the timer
 * waits until then. The DPO's reason is in the request record by now, so it leaves the process variables.
 */
@Component
class AnnounceRestrictionLiftDelegate implements JavaDelegate {

  private final RequestRestrictions restrictions;
  private final RestrictionProperties properties;

  AnnounceRestrictionLiftDelegate(RequestRestrictions restrictions, RestrictionProperties properties) {
    this.restrictions = restrictions;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var liftsAt = restrictions.announceLift(execution.getProcessBusinessKey(), properties.restrictionLiftNotice());
    execution.setVariable(RESTRICTION_LIFTS_AT, Date.from(liftsAt));
    execution.removeVariable(LIFT_REASON);
  }
}
