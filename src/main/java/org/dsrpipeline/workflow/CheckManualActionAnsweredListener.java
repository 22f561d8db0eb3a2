package org.dsrpipeline.workflow;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.connector.manual.ManualAction;
import org.dsrpipeline.connector.manual.ManualActions;
import org.springframework.stereotype.Component;

/** A manual-action task closes only once its answer is recorded, so no answer is lost. */
@Component
class CheckManualActionAnsweredListener implements TaskListener {

  private final ManualActions actions;

  CheckManualActionAnsweredListener(ManualActions actions) {
    this.actions = actions;
  }

  @Override
  public void notify(DelegateTask task) {
    var id = ((Number) task.getVariable(ManualActionTasks.ACTION_ID)).longValue();
    var action = actions.find(id).orElseThrow(() -> new ProcessEngineException("No manual action " + id));
    if (action.status() == ManualAction.Status.PENDING) {
      throw new ProcessEngineException("Record the answer of manual action " + id
          + " on its page (" + task.getVariable("actionPath") + ") first: the task then closes by itself.");
    }
  }
}
