package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RightProcess.CONTROLLER_REQUEST;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.controllers.ControllerRequests;
import org.springframework.stereotype.Component;

/** A controller customer that has not answered is emailed again (nothing, once it has answered). */
@Component
class RemindControllerDelegate implements JavaDelegate {

  private final ControllerRequests controllers;

  RemindControllerDelegate(ControllerRequests controllers) {
    this.controllers = controllers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    controllers.remind(((Number) execution.getVariable(CONTROLLER_REQUEST)).longValue());
  }
}
