package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.rectification.Rectifications;
import org.dsrpipeline.workflow.RectificationProcess;
import org.springframework.stereotype.Component;

/**
 * Checks the request's corrections against the data map (fields not held, or not correctable, are decided by the
 * system) and sets {@code correctionsToReview} (a count) and {@code correctionsPath} (the DPO's page).
 */
@Component
class CheckCorrectionsDelegate implements JavaDelegate {

  private final Rectifications rectifications;

  CheckCorrectionsDelegate(Rectifications rectifications) {
    this.rectifications = rectifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var reference = execution.getProcessBusinessKey();
    execution.setVariable(RectificationProcess.CORRECTIONS_TO_REVIEW, rectifications.check(reference));
    execution.setVariable(RectificationProcess.CORRECTIONS_PATH, RectificationProcess.correctionsPath(reference));
  }
}
