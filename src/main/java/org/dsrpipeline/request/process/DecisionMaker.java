package org.dsrpipeline.request.process;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.DECIDED_BY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Who took the DPO decision the process is acting on, as recorded by {@link RecordDecisionMakerListener}. */
final class DecisionMaker {

  private DecisionMaker() {
  }

  /** The user completing a task: the authenticated user, else the assignee. */
  static String completing(DelegateTask task) {
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    var user = authentication != null ? authentication.getUserId() : task.getAssignee();
    return user == null ? "unknown DPO user" : user;
  }

  static String of(DelegateExecution execution) {
    var user = (String) execution.getVariable(DECIDED_BY);
    return user == null ? "unknown DPO user" : user;
  }
}
