package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RestrictionProcess.LIFT_REASON;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.RequestRestrictions;
import org.dsrpipeline.request.process.DecisionMaker;
import org.springframework.stereotype.Component;

/** Records the DPO's decision to lift the restriction, the reason and the user, with the completion. */
@Component
class RecordLiftDecisionListener implements TaskListener {

  private final RequestRestrictions restrictions;

  RecordLiftDecisionListener(RequestRestrictions restrictions) {
    this.restrictions = restrictions;
  }

  @Override
  public void notify(DelegateTask task) {
    restrictions.recordLiftDecision(task.getExecution().getProcessBusinessKey(), (String) task.getVariable(LIFT_REASON),
        DecisionMaker.completing(task));
  }
}
