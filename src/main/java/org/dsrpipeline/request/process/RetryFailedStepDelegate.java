package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.workflow.FailedSteps;
import org.springframework.stereotype.Component;

/** Task_RetryStep: the DPO fixed what made a step fail; its job is retried once. */
@Component
class RetryFailedStepDelegate implements JavaDelegate {

  private final FailedSteps failedSteps;

  RetryFailedStepDelegate(FailedSteps failedSteps) {
    this.failedSteps = failedSteps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    failedSteps.retry((String) execution.getVariable(FailedSteps.INCIDENT_ID));
  }
}
