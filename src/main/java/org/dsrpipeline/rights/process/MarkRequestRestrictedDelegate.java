package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.request.RequestRestrictions;
import org.springframework.stereotype.Component;

/** Every store is restricted: the request shows as restricted until the DPO lifts it. */
@Component
class MarkRequestRestrictedDelegate implements JavaDelegate {

  private final RequestRestrictions restrictions;

  MarkRequestRestrictedDelegate(RequestRestrictions restrictions) {
    this.restrictions = restrictions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    restrictions.markRestricted(execution.getProcessBusinessKey());
  }
}
