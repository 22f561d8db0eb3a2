package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RightProcess.CONTROLLER_CHASE;
import static org.dsrpipeline.workflow.RightProcess.CONTROLLER_DECISION;
import static org.dsrpipeline.workflow.RightProcess.CONTROLLER_NOTE;
import static org.dsrpipeline.workflow.RightProcess.CONTROLLER_REQUEST;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.process.DecisionMaker;
import org.dsrpipeline.rights.controllers.ControllerRequests;
import org.dsrpipeline.rights.controllers.ControllerRequests.Answer;
import org.dsrpipeline.workflow.FormInputRefused;
import org.springframework.stereotype.Component;

/**
 * The DPO's decision on a silent controller customer (form chase-controller): "chase" records nothing here (the
 * reminder that follows is in the evidence trail); any other decision is recorded as the controller's answer, by the
 * DPO, with the note. Refused when the controller has answered meanwhile: its own answer stands.
 */
@Component
class RecordControllerDecisionListener implements TaskListener {

  private static final Map<String, Answer> ANSWERS = Map.of("carryOut", Answer.CARRY_OUT, "handledByController",
      Answer.HANDLED_BY_CONTROLLER, "refused", Answer.REFUSED, "noAnswer", Answer.NO_ANSWER);

  private final ControllerRequests controllers;

  RecordControllerDecisionListener(ControllerRequests controllers) {
    this.controllers = controllers;
  }

  @Override
  public void notify(DelegateTask task) {
    var decision = (String) task.getVariable(CONTROLLER_DECISION);
    if (CONTROLLER_CHASE.equals(decision)) {
      return;
    }
    var id = ((Number) task.getVariable(CONTROLLER_REQUEST)).longValue();
    if (!controllers.decideByDpo(id, ANSWERS.get(decision), (String) task.getVariable(CONTROLLER_NOTE),
        DecisionMaker.completing(task))) {
      throw new FormInputRefused(CONTROLLER_DECISION, "The controller customer has answered meanwhile: its answer "
          + "stands. Reload the task list.");
    }
  }
}
