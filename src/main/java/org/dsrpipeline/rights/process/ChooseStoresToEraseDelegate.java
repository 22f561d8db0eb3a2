package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.erasure.ErasurePlans;
import org.dsrpipeline.workflow.RightProcess;
import org.springframework.stereotype.Component;

/** Records the stores the approved plan keeps on legal hold and lists those to erase in {@code stores}. */
@Component
class ChooseStoresToEraseDelegate implements JavaDelegate {

  private final ErasurePlans plans;

  ChooseStoresToEraseDelegate(ErasurePlans plans) {
    this.plans = plans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var reference = execution.getProcessBusinessKey();
    plans.recordStoresLeftAlone(reference);
    execution.setVariable(RightProcess.STORES, RightProcess.stores(plans.storesToErase(reference)));
  }
}
