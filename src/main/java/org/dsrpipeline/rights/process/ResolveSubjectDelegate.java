package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RightProcess.SUBJECT_RESOLVED;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.SubjectResolution;
import org.springframework.stereotype.Component;

/** Resolves the subject once (later runs read the stored result); {@code subjectResolved} false: the DPO checks it. */
@Component
class ResolveSubjectDelegate implements JavaDelegate {

  private final SubjectResolution resolution;

  ResolveSubjectDelegate(SubjectResolution resolution) {
    this.resolution = resolution;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var result = resolution.resolve(execution.getProcessBusinessKey());
    execution.setVariable(SUBJECT_RESOLVED, result.status() == SubjectResolution.Status.RESOLVED);
  }
}
