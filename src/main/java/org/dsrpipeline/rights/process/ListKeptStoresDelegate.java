package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.erasure.DeferredErasures;
import org.dsrpipeline.workflow.RightProcess;
import org.springframework.stereotype.Component;

/** The next erasure pass: the stores that kept records in the previous one, in {@code stores}; {@code pass} + 1. */
@Component
class ListKeptStoresDelegate implements JavaDelegate {

  private final DeferredErasures deferred;

  ListKeptStoresDelegate(DeferredErasures deferred) {
    this.deferred = deferred;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var done = execution.getVariable(RightProcess.PASS) instanceof Number n ? n.intValue() : 1;
    execution.setVariable(RightProcess.STORES,
        RightProcess.stores(deferred.storesStillKeeping(execution.getProcessBusinessKey(), done)));
    execution.setVariable(RightProcess.PASS, done + 1);
  }
}
