package org.dsrpipeline.request.process;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.*;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Refuses to complete the review without a valid decision, or a refusal without reasons. */
@Component
class ValidateReviewDecisionListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    var decision = task.getVariable(DECISION);
    if (!DECISION_PROCEED.equals(decision) && !DECISION_REFUSE.equals(decision)) {
      throw new ProcessEngineException("Choose a decision: 'proceed' or 'refuse'.");
    }
    var reasons = (String) task.getVariable(REFUSAL_REASONS);
    if (DECISION_REFUSE.equals(decision) && (reasons == null || reasons.isBlank())) {
      throw new ProcessEngineException(
          "A refusal must give the requester its reasons (GDPR Art. 12(4)). Fill in 'Reasons for refusal'.");
    }
  }
}
