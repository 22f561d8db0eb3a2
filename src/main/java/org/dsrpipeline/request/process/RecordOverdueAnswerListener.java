package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Moves the DPO's note on an overdue request into the evidence trail with who wrote it, out of the process variables. */
@Component
class RecordOverdueAnswerListener implements TaskListener {

  static final String OVERDUE_NOTE = "overdueNote";

  private final RequestLifecycle lifecycle;

  RecordOverdueAnswerListener(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    var note = (String) task.getVariable(OVERDUE_NOTE);
    lifecycle.recordOverdueAnswer(task.getExecution().getProcessBusinessKey(), note, DecisionMaker.completing(task));
    task.getExecution().removeVariable(OVERDUE_NOTE);
  }
}
