package org.dsrpipeline.request.process;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.DECIDED_BY;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Notes which user completed a decision task, for the evidence trail. */
@Component
class RecordDecisionMakerListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    task.setVariable(DECIDED_BY, DecisionMaker.completing(task));
  }
}
