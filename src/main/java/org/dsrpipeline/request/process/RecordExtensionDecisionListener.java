package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Records that a DPO decided to extend the deadline, and who, in the evidence trail, with the completion. */
@Component
class RecordExtensionDecisionListener implements TaskListener {

  private final RequestLifecycle lifecycle;

  RecordExtensionDecisionListener(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    lifecycle.recordExtensionDecision(task.getExecution().getProcessBusinessKey(), DecisionMaker.completing(task));
  }
}
