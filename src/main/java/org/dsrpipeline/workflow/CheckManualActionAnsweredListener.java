package org.dsrpipeline.workflow;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.connector.manual.ManualAction;
import org.dsrpipeline.connector.manual.ManualActions;
import org.springframework.stereotype.Component;

/**
 * A manual-action task closes only once its answer is recorded, so no answer is lost. The action is the
 * one the application recorded for this task's process, never one a (rewritable) variable names.
 */
@Component
class CheckManualActionAnsweredListener implements TaskListener {

  private final ManualActions actions;

  CheckManualActionAnsweredListener(ManualActions actions) {
    this.actions = actions;
  }

  @Override
  public void notify(DelegateTask task) {
    var action = actions.findByTrackingId(task.getProcessInstanceId())
        .or(() -> untrackedAction(task))
        .orElseThrow(() -> new FormInputRefused(null, "This task belongs to no recorded manual action"));
    if (action.status() == ManualAction.Status.PENDING) {
      throw new FormInputRefused(null, "Record the answer of manual action " + action.id()
          + " on its page (/dpo/manual-actions/" + action.id() + ") first: the task then closes by itself.");
    }
  }

  /** Tasks opened before actions kept their task's process: the action of the variable, if of this request and untracked. */
  private java.util.Optional<ManualAction> untrackedAction(DelegateTask task) {
    if (!(task.getVariable(ManualActionTasks.ACTION_ID) instanceof Number id)) {
      return java.util.Optional.empty();
    }
    return actions.find(id.longValue())
        .filter(a -> a.reference().equals(task.getExecution().getProcessBusinessKey()))
        .filter(a -> actions.isUntracked(a.id()));
  }
}
