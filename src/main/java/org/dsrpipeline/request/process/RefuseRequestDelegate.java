package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.*;

/** Refuses a request with the DPO's reasons; the reasons move from the process into the request record. */
@Component
class RefuseRequestDelegate implements JavaDelegate {

  private final RequestLifecycle lifecycle;

  RefuseRequestDelegate(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var reasons = (String) execution.getVariable(REFUSAL_REASONS);
    lifecycle.refuse(execution.getProcessBusinessKey(), reasons);
    execution.removeVariable(REFUSAL_REASONS);
  }
}
