package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RightProcess.IDENTITIES_ACCEPT_AS_FOUND;
import static org.dsrpipeline.workflow.RightProcess.IDENTITIES_DECISION;
import static org.dsrpipeline.workflow.RightProcess.IDENTITIES_NOTE;
import static org.dsrpipeline.workflow.RightProcess.IDENTITIES_RESOLVE_AGAIN;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.process.DecisionMaker;
import org.dsrpipeline.rights.SubjectResolution;
import org.springframework.stereotype.Component;

/**
 * The DPO's decision on identities that wait for them, carried out with the completion (and recorded with the
 * DPO's user): {@code resolveAgain} asks the stores again, {@code acceptAsFound} accepts the stored result.
 */
@Component
class RecordIdentitiesDecisionListener implements TaskListener {

  private final SubjectResolution resolution;

  RecordIdentitiesDecisionListener(SubjectResolution resolution) {
    this.resolution = resolution;
  }

  @Override
  public void notify(DelegateTask task) {
    var reference = task.getExecution().getProcessBusinessKey();
    var note = (String) task.getVariable(IDENTITIES_NOTE);
    var user = DecisionMaker.completing(task);
    switch (String.valueOf(task.getVariable(IDENTITIES_DECISION))) {
      case IDENTITIES_RESOLVE_AGAIN -> resolution.resolveAgain(reference, user, note);
      case IDENTITIES_ACCEPT_AS_FOUND -> resolution.acceptAsFound(reference, user, note);
      default -> throw new IllegalStateException("identitiesDecision: checked by the form's rules first");
    }
  }
}
