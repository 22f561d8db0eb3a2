package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Marks a request overdue when its legal deadline passes unanswered. */
@Component
class MarkRequestOverdueDelegate implements JavaDelegate {

  private final RequestLifecycle lifecycle;

  MarkRequestOverdueDelegate(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.markOverdue(execution.getProcessBusinessKey());
  }
}
