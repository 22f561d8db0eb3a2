package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.SubjectResolution;
import org.springframework.stereotype.Component;

/**
 * Resolves the subject once (a second run reads the stored result). A result that waits for the DPO fails the
 * step, so it raises an incident rather than acting on a partial subject. Interim: to be replaced by the shared
 * "Resolve the subject" step with its NEEDS_DPO task.
 */
@Component
class ResolveSubjectForRightDelegate implements JavaDelegate {

  private final SubjectResolution resolution;

  ResolveSubjectForRightDelegate(SubjectResolution resolution) {
    this.resolution = resolution;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var reference = execution.getProcessBusinessKey();
    var resolved = resolution.resolve(reference);
    if (resolved.status() != SubjectResolution.Status.RESOLVED) {
      throw new IllegalStateException("Request " + reference + ": the subject waits for the DPO: " + resolved.reason());
    }
  }
}
