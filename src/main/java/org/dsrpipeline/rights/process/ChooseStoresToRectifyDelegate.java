package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.rectification.Rectifications;
import org.dsrpipeline.workflow.RightProcess;
import org.springframework.stereotype.Component;

/**
 * Lists in {@code stores} the controller stores holding a field of an accepted correction; processor stores holding
 * one are recorded HANDLED_WITH_CONTROLLER.
 */
@Component
class ChooseStoresToRectifyDelegate implements JavaDelegate {

  private final Rectifications rectifications;

  ChooseStoresToRectifyDelegate(Rectifications rectifications) {
    this.rectifications = rectifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(RightProcess.STORES,
        RightProcess.stores(rectifications.chooseStores(execution.getProcessBusinessKey())));
  }
}
