package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RightProcess.CARRY_OUT;
import static org.dsrpipeline.workflow.RightProcess.CONTROLLER_REQUEST;
import static org.dsrpipeline.workflow.RightProcess.STORES;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.controllers.ControllerRequests;
import org.dsrpipeline.workflow.RightProcess;
import org.springframework.stereotype.Component;

/**
 * After a controller's answer: "carry it out" lists the processor stores to act on for it ({@code stores}, {@code
 * carryOut} true); any other answer is recorded as the controller's part of those stores, left alone.
 */
@Component
class ActOnControllerAnswerDelegate implements JavaDelegate {

  private final ControllerRequests controllers;

  ActOnControllerAnswerDelegate(ControllerRequests controllers) {
    this.controllers = controllers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var stores = controllers.act(((Number) execution.getVariable(CONTROLLER_REQUEST)).longValue());
    execution.setVariable(STORES, RightProcess.stores(stores));
    execution.setVariable(CARRY_OUT, !stores.isEmpty());
  }
}
