package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.delivery.PackageBuilder;
import org.dsrpipeline.delivery.RequestPackages;
import org.dsrpipeline.workflow.PackageProcess;
import org.dsrpipeline.workflow.RightProcess;
import org.dsrpipeline.workflow.StoreNames;
import org.springframework.stereotype.Component;

/**
 * Builds the package the DPO reviews from every chosen store's export (input parameter {@code packageFormat});
 * throws while a store's export has not succeeded, so the package is never built with a store missing; sets the
 * DPO's page of the package.
 */
@Component
class BuildPackageDelegate implements JavaDelegate {

  private final RequestPackages packages;
  private final StoreNames storeNames;

  BuildPackageDelegate(RequestPackages packages, StoreNames storeNames) {
    this.packages = packages;
    this.storeNames = storeNames;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var reference = execution.getProcessBusinessKey();
    var format = (String) execution.getVariable(PackageProcess.PACKAGE_FORMAT);
    packages.buildForReview(reference, storeNames.of((String) execution.getVariable(RightProcess.STORES)),
        PackageBuilder.Format.valueOf(format));
    execution.setVariable(PackageProcess.PACKAGE_PATH, PackageProcess.packagePath(reference, format));
  }
}
