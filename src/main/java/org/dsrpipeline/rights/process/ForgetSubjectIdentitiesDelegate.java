package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.SubjectResolution;
import org.springframework.stereotype.Component;

/** Nothing of the subject is kept any more: the request's stored identities are deleted. */
@Component
class ForgetSubjectIdentitiesDelegate implements JavaDelegate {

  private final SubjectResolution resolution;

  ForgetSubjectIdentitiesDelegate(SubjectResolution resolution) {
    this.resolution = resolution;
  }

  @Override
  public void execute(DelegateExecution execution) {
    resolution.forget(execution.getProcessBusinessKey());
  }
}
