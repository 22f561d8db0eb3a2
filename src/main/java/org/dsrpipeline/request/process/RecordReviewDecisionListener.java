package org.dsrpipeline.request.process;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.DECISION;
import static org.dsrpipeline.workflow.DataSubjectRequestProcess.DECISION_REFUSE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Records the review decision and the user who took it in the evidence trail, with the completion. */
@Component
class RecordReviewDecisionListener implements TaskListener {

  private final RequestLifecycle lifecycle;

  RecordReviewDecisionListener(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    lifecycle.recordReviewDecision(task.getExecution().getProcessBusinessKey(),
        DECISION_REFUSE.equals(task.getVariable(DECISION)), DecisionMaker.completing(task));
  }
}
