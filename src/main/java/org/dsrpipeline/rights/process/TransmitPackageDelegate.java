package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.delivery.Transmissions;
import org.springframework.stereotype.Component;

/** Sends the released portability package to the other controller the DPO approved (GDPR Art. 20(2)). */
@Component
class TransmitPackageDelegate implements JavaDelegate {

  private final Transmissions transmissions;

  TransmitPackageDelegate(Transmissions transmissions) {
    this.transmissions = transmissions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    transmissions.send(execution.getProcessBusinessKey());
  }
}
