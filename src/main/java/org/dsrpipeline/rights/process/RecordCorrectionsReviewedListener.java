package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.process.DecisionMaker;
import org.dsrpipeline.rights.rectification.Rectifications;
import org.dsrpipeline.workflow.FormInputRefused;
import org.dsrpipeline.workflow.RectificationProcess;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete "Review the corrections" while a correction is undecided on the page (400 through the engine
 * REST API, the message in Tasklist); else records the review, and who did it, in the evidence trail.
 */
@Component
class RecordCorrectionsReviewedListener implements TaskListener {

  private final Rectifications rectifications;

  RecordCorrectionsReviewedListener(Rectifications rectifications) {
    this.rectifications = rectifications;
  }

  @Override
  public void notify(DelegateTask task) {
    try {
      rectifications.completeReview(task.getExecution().getProcessBusinessKey(), DecisionMaker.completing(task));
    } catch (Rectifications.DecisionRefused refused) {
      throw new FormInputRefused(RectificationProcess.CORRECTIONS_REVIEWED, refused.getMessage());
    }
  }
}
