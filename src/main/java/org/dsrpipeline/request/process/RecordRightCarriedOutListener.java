package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Records that the right was carried out, and by whom, in the evidence trail, with the completion. */
@Component
class RecordRightCarriedOutListener implements TaskListener {

  private final RequestLifecycle lifecycle;

  RecordRightCarriedOutListener(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    lifecycle.recordRightCarriedOut(task.getExecution().getProcessBusinessKey(), task.getName(),
        DecisionMaker.completing(task));
  }
}
