package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.delivery.RequestPackages;
import org.dsrpipeline.request.process.DecisionMaker;
import org.dsrpipeline.workflow.FormInputRefused;
import org.dsrpipeline.workflow.PackageProcess;
import org.springframework.stereotype.Component;

/**
 * Refuses the review's completion while the package is not built (nothing to have reviewed); else records the
 * DPO's release decision, with the user, in the evidence trail.
 */
@Component
class RecordPackageReviewedListener implements TaskListener {

  private final RequestPackages packages;

  RecordPackageReviewedListener(RequestPackages packages) {
    this.packages = packages;
  }

  @Override
  public void notify(DelegateTask task) {
    var reference = task.getExecution().getProcessBusinessKey();
    if (!packages.readyForReview(reference)) {
      throw new FormInputRefused(PackageProcess.PACKAGE_APPROVED, "The package of " + reference + " is not built "
          + "yet: open its page again once it is, review it, then complete this task.");
    }
    packages.reviewed(reference, DecisionMaker.completing(task));
  }
}
