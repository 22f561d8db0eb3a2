package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Records in the evidence trail that processes/who-reviews.dmn let the request go on without the DPO's review. */
@Component
class RecordReviewNotNeededListener implements ExecutionListener {

  private final RequestLifecycle lifecycle;

  RecordReviewNotNeededListener(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateExecution execution) {
    lifecycle.recordReviewNotNeeded(execution.getProcessBusinessKey());
  }
}
