package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Closes a request whose requester never confirmed their identity. */
@Component
class CloseUnverifiedRequestDelegate implements JavaDelegate {

  private final RequestLifecycle lifecycle;

  CloseUnverifiedRequestDelegate(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.closeUnverified(execution.getProcessBusinessKey());
  }
}
