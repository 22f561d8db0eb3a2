package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.delivery.PackageBuilder;
import org.dsrpipeline.delivery.RequestPackages;
import org.dsrpipeline.workflow.PackageProcess;
import org.dsrpipeline.workflow.RightProcess;
import org.dsrpipeline.workflow.StoreNames;
import org.springframework.stereotype.Component;

/** Releases the package without the DPO's exclusions (the completion email then carries its download link). */
@Component
class ReleasePackageDelegate implements JavaDelegate {

  private final RequestPackages packages;
  private final StoreNames storeNames;

  ReleasePackageDelegate(RequestPackages packages, StoreNames storeNames) {
    this.packages = packages;
    this.storeNames = storeNames;
  }

  @Override
  public void execute(DelegateExecution execution) {
    packages.release(execution.getProcessBusinessKey(),
        storeNames.of((String) execution.getVariable(RightProcess.STORES)),
        PackageBuilder.Format.valueOf((String) execution.getVariable(PackageProcess.PACKAGE_FORMAT)));
  }
}
