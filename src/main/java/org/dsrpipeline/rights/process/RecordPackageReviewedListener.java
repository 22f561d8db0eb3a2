package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.delivery.RequestPackages;
import org.dsrpipeline.delivery.Transmissions;
import org.dsrpipeline.request.process.DecisionMaker;
import org.dsrpipeline.workflow.FormInputRefused;
import org.dsrpipeline.workflow.PackageProcess;
import org.springframework.stereotype.Component;

/**
 * Refuses the review's completion while the package is not built (nothing to have reviewed); else records the
 * DPO's release decision, with the user, in the evidence trail; for portability also the decision on the other
 * controller the requester named ({@code transmitApproved}), refused when none was named.
 */
@Component
class RecordPackageReviewedListener implements TaskListener {

  private final RequestPackages packages;
  private final Transmissions transmissions;

  RecordPackageReviewedListener(RequestPackages packages, Transmissions transmissions) {
    this.packages = packages;
    this.transmissions = transmissions;
  }

  @Override
  public void notify(DelegateTask task) {
    var reference = task.getExecution().getProcessBusinessKey();
    if (!packages.readyForReview(reference)) {
      throw new FormInputRefused(PackageProcess.PACKAGE_APPROVED, "The package of " + reference + " is not built "
          + "yet: open its page again once it is, review it, then complete this task.");
    }
    var transmit = Boolean.TRUE.equals(task.getVariable(PackageProcess.TRANSMIT_APPROVED));
    var destination = transmissions.of(reference);
    if (transmit && destination.isEmpty()) {
      throw new FormInputRefused(PackageProcess.TRANSMIT_APPROVED, "The requester named no other controller: there "
          + "is nowhere to send the package. Leave 'Send the package to the other controller' unticked.");
    }
    var dpo = DecisionMaker.completing(task);
    if (destination.isPresent()) {
      transmissions.decide(reference, transmit, dpo);
    }
    packages.reviewed(reference, dpo);
  }
}
