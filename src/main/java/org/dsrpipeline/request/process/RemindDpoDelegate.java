package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Reminds the DPO that a request's deadline approaches. */
@Component
class RemindDpoDelegate implements JavaDelegate {

  private final RequestLifecycle lifecycle;

  RemindDpoDelegate(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.remindDpo(execution.getProcessBusinessKey());
  }
}
