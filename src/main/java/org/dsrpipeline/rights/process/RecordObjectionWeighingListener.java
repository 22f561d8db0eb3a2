package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.ObjectionProcess.COMPELLING_GROUNDS;
import static org.dsrpipeline.workflow.ObjectionProcess.GROUNDS_TEXT;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.ObjectionAnswers;
import org.dsrpipeline.request.process.DecisionMaker;
import org.springframework.stereotype.Component;

/** Records the DPO's balancing of the objection, and the user, with the completion. */
@Component
class RecordObjectionWeighingListener implements TaskListener {

  private final ObjectionAnswers answers;

  RecordObjectionWeighingListener(ObjectionAnswers answers) {
    this.answers = answers;
  }

  @Override
  public void notify(DelegateTask task) {
    answers.recordWeighing(task.getExecution().getProcessBusinessKey(),
        Boolean.TRUE.equals(task.getVariable(COMPELLING_GROUNDS)), (String) task.getVariable(GROUNDS_TEXT),
        DecisionMaker.completing(task));
  }
}
