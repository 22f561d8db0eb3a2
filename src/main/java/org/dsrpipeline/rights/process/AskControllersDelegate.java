package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RightProcess.CONTROLLER_REQUESTS;
import static org.dsrpipeline.workflow.RightProcess.OPERATION;

import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.rights.controllers.ControllerRequests;
import org.springframework.stereotype.Component;

/** The processor role: asks each controller customer whose records were found about {@code operation}; writes their ids. */
@Component
class AskControllersDelegate implements JavaDelegate {

  private final ControllerRequests controllers;

  AskControllersDelegate(ControllerRequests controllers) {
    this.controllers = controllers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var asked = controllers.ask(execution.getProcessBusinessKey(),
        Operation.valueOf((String) execution.getVariable(OPERATION)));
    execution.setVariable(CONTROLLER_REQUESTS, asked.stream().map(String::valueOf).collect(Collectors.joining(",")));
  }
}
