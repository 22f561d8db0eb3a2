package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.request.RequestRestrictions;
import org.springframework.stereotype.Component;

/** Every store is unrestricted: the trail records it and the requester is told. */
@Component
class RecordRestrictionLiftedDelegate implements JavaDelegate {

  private final RequestRestrictions restrictions;

  RecordRestrictionLiftedDelegate(RequestRestrictions restrictions) {
    this.restrictions = restrictions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    restrictions.markLifted(execution.getProcessBusinessKey());
  }
}
