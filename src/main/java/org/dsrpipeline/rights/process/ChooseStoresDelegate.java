package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.rights.StoreChoices;
import org.dsrpipeline.workflow.RightProcess;
import org.springframework.stereotype.Component;

/**
 * Lists in {@code stores} the stores of the next per-store step: input parameters {@code operation} (an Operation
 * name) and {@code storeSelection} (CONTROLLER, LEGITIMATE_INTERESTS or RESTRICTED).
 */
@Component
class ChooseStoresDelegate implements JavaDelegate {

  static final String STORE_SELECTION = "storeSelection";

  private final StoreChoices choices;

  ChooseStoresDelegate(StoreChoices choices) {
    this.choices = choices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var stores = choices.choose(execution.getProcessBusinessKey(),
        Operation.valueOf((String) execution.getVariable(RightProcess.OPERATION)),
        StoreChoices.Selection.valueOf((String) execution.getVariable(STORE_SELECTION)));
    execution.setVariable(RightProcess.STORES, RightProcess.stores(stores));
  }
}
