package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.*;

/** Closes an answered request and tells the requester what was done; the summary moves into the request record. */
@Component
class CompleteRequestDelegate implements JavaDelegate {

  private final RequestLifecycle lifecycle;

  CompleteRequestDelegate(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var summary = (String) execution.getVariable(OUTCOME_SUMMARY);
    lifecycle.complete(execution.getProcessBusinessKey(), summary);
    execution.removeVariable(OUTCOME_SUMMARY);
  }
}
