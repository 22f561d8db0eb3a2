package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.DelegateTask;

/** Who is completing a DPO task, for the evidence trail. */
public final class DecisionMaker {

  private DecisionMaker() {
  }

  /** The authenticated user (Tasklist, engine REST API), else the assignee. */
  public static String completing(DelegateTask task) {
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    var user = authentication != null ? authentication.getUserId() : task.getAssignee();
    return user == null ? "unknown DPO user" : user;
  }
}
