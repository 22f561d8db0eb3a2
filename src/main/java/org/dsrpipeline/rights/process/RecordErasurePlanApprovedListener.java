package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.process.DecisionMaker;
import org.dsrpipeline.rights.erasure.ErasurePlans;
import org.springframework.stereotype.Component;

/** Records the DPO's approval of the erasure plan, and who gave it, in the evidence trail. */
@Component
class RecordErasurePlanApprovedListener implements TaskListener {

  private final ErasurePlans plans;

  RecordErasurePlanApprovedListener(ErasurePlans plans) {
    this.plans = plans;
  }

  @Override
  public void notify(DelegateTask task) {
    plans.approved(task.getExecution().getProcessBusinessKey(), DecisionMaker.completing(task));
  }
}
