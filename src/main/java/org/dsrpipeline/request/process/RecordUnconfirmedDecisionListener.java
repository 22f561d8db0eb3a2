package org.dsrpipeline.request.process;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.UNCONFIRMED_DECISION;
import static org.dsrpipeline.workflow.DataSubjectRequestProcess.UNCONFIRMED_DECISION_CONFIRMED;
import static org.dsrpipeline.workflow.DataSubjectRequestProcess.UNCONFIRMED_NOTE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/**
 * Records the DPO's decision on a request left unconfirmed past its deadline (identity checked
 * another way, or closed), and who took it; the note moves into the evidence trail, out of the variables.
 */
@Component
class RecordUnconfirmedDecisionListener implements TaskListener {

  private final RequestLifecycle lifecycle;

  RecordUnconfirmedDecisionListener(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    var confirmed = UNCONFIRMED_DECISION_CONFIRMED.equals(task.getVariable(UNCONFIRMED_DECISION));
    lifecycle.decideUnconfirmed(task.getExecution().getProcessBusinessKey(), confirmed,
        (String) task.getVariable(UNCONFIRMED_NOTE), DecisionMaker.completing(task));
    task.getExecution().removeVariable(UNCONFIRMED_NOTE);
  }
}
