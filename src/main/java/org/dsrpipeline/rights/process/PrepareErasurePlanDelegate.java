package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.erasure.ErasurePlans;
import org.dsrpipeline.workflow.ErasureProcess;
import org.springframework.stereotype.Component;

/** Finds the subject's records and plans the erasure per store and collection (the DMN decides); sets the plan's page. */
@Component
class PrepareErasurePlanDelegate implements JavaDelegate {

  private final ErasurePlans plans;

  PrepareErasurePlanDelegate(ErasurePlans plans) {
    this.plans = plans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    plans.prepare(execution.getProcessBusinessKey());
    execution.setVariable(ErasureProcess.PLAN_PATH, ErasureProcess.planPath(execution.getProcessBusinessKey()));
  }
}
