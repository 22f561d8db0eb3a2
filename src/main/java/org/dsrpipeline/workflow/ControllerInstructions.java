package org.dsrpipeline.workflow;

import org.camunda.bpm.engine.RuntimeService;
import org.dsrpipeline.rights.controllers.ControllerAnswerListener;
import org.springframework.stereotype.Component;

/**
 * Wakes the wait for one controller customer's answer (processes/rights/controller-instruction.bpmn), in the
 * answer's transaction: the receive task, or the DPO's chase task if the answer comes while it is open. Harmless
 * when nothing waits: the answer is in dsr_controller_request, and a second answer is refused there.
 */
@Component
public class ControllerInstructions implements ControllerAnswerListener {

  private final RuntimeService runtime;

  public ControllerInstructions(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public void answered(String reference, long controllerRequest) {
    runtime.createMessageCorrelation(RightProcess.MESSAGE_CONTROLLER_ANSWERED).processInstanceBusinessKey(reference)
        .processInstanceVariableEquals(RightProcess.CONTROLLER_REQUEST, controllerRequest)
        .correlateAllWithResult();
  }
}
