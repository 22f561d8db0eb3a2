package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Only members of group {@code dpo} complete a request's task, and a task is assigned only to them.
 * Camunda's authorization checks let an administrator (group camunda-admin) through, and an
 * assignee gets the task whatever their group: both would otherwise take the DPO's decisions.
 * A completion without an authenticated user comes from the application itself and passes.
 */
@Component
class DpoOnlyTaskListener implements TaskListener {

  static final String GROUP = "dpo";

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      var assignee = task.getAssignee();
      if (assignee != null && !isDpo(task, assignee)) {
        throw new BadUserRequestException("Task " + task.getName() + " can be assigned only to a member of group "
            + GROUP + "; " + assignee + " is not one.");
      }
      return;
    }
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && !isDpo(task, authentication.getUserId())) {
      throw new AuthorizationException("Only members of group " + GROUP + " complete the tasks of a data subject"
          + " request; " + authentication.getUserId() + " is not one.");
    }
  }

  /** Asked of the identity store, without the caller's authorizations (who may not read groups). */
  private static boolean isDpo(DelegateTask task, String userId) {
    var identity = task.getProcessEngineServices().getIdentityService();
    return Context.getCommandContext().runWithoutAuthorization(
        () -> identity.createGroupQuery().groupMember(userId).groupId(GROUP).count() > 0);
  }
}
