package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.dsrpipeline.workflow.RightProcess.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.workflow.ControllerInstructions;
import org.dsrpipeline.workflow.FormInputRefused;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every path through processes/rights/controller-instruction.bpmn: the controller's answer each way, the reminder,
 * the DPO's chase task (chase again, decide, an answer while it is open), and the carry-out's store steps.
 */
@Deployment(resources = {
    "processes/rights/controller-instruction.bpmn",
    "processes/rights/store-operation.bpmn",
    "processes/forms/chase-controller.form"})
class ControllerInstructionProcessTest extends RightProcessTestBase {

  private static final long CONTROLLER = 12L;
  private static final long OTHER_CONTROLLER = 13L;

  /** What "act on the answer" finds recorded: the answer decides whether the stores are acted on. */
  private final Map<Long, String> recordedAnswers = new HashMap<>();

  @BeforeEach
  void registerControllerSteps() {
    record("remindControllerDelegate");
    Mocks.register("recordControllerDecisionListener", (TaskListener) task -> {
      var decision = (String) task.getVariable(CONTROLLER_DECISION);
      calls.add("recordControllerDecisionListener " + decision);
      if (!CONTROLLER_CHASE.equals(decision)) {
        recordedAnswers.put(((Number) task.getVariable(CONTROLLER_REQUEST)).longValue(), decision);
      }
    });
    Mocks.register("actOnControllerAnswerDelegate", (JavaDelegate) execution -> {
      var id = ((Number) execution.getVariable(CONTROLLER_REQUEST)).longValue();
      var answer = recordedAnswers.get(id);
      calls.add("actOnControllerAnswerDelegate " + answer);
      var carryOut = "CARRY_OUT".equals(answer) || "carryOut".equals(answer);
      execution.setVariable(STORES, carryOut ? "message-log" : "");
      execution.setVariable(CARRY_OUT, carryOut);
    });
    Mocks.register("runStoreOperationDelegate", (JavaDelegate) execution -> {
      calls.add(execution.getVariable(STORE) + " " + execution.getVariable(OPERATION) + " "
          + execution.getVariable(PASS) + " for " + execution.getVariable(CONTROLLER_REQUEST));
      execution.setVariable(MANUAL_ACTION_PENDING, false);
    });
  }

  @Test
  void carryItOutActsOnThatControllersRecordsInEachStore() {
    var instance = start(CONTROLLER);
    var other = start(OTHER_CONTROLLER);
    assertThat(instance).isWaitingAt(TASK_AWAIT_CONTROLLER_ANSWER);

    answer(CONTROLLER, "CARRY_OUT");
    runAsyncJobs();

    assertThat(instance).hasPassed("Task_ActOnControllerAnswer", "CallActivity_CarryOut")
        .isEnded().hasPassed("EndEvent_CarriedOut");
    assertThat(calls).containsExactly("actOnControllerAnswerDelegate CARRY_OUT", "message-log ERASE 1 for 12");
    assertThat(other).isWaitingAt(TASK_AWAIT_CONTROLLER_ANSWER);
  }

  @Test
  void handledByTheControllerOrRefusedLeavesTheRecordsAlone() {
    var handled = start(CONTROLLER);
    var refused = start(OTHER_CONTROLLER);

    answer(CONTROLLER, "HANDLED_BY_CONTROLLER");
    answer(OTHER_CONTROLLER, "REFUSED");
    runAsyncJobs();

    assertThat(handled).isEnded().hasPassed("EndEvent_LeftToController").hasNotPassed("CallActivity_CarryOut");
    assertThat(refused).isEnded().hasPassed("EndEvent_LeftToController");
    assertThat(calls).containsExactlyInAnyOrder("actOnControllerAnswerDelegate HANDLED_BY_CONTROLLER",
        "actOnControllerAnswerDelegate REFUSED");
  }

  @Test
  void aSilentControllerIsRemindedAndStillWaitedFor() {
    var instance = start(CONTROLLER);
    var reminder = managementService().createJobQuery().timers().activityId(TIMER_REMIND_CONTROLLER).singleResult();
    var escalation = managementService().createJobQuery().timers().activityId(TIMER_CONTROLLER_SILENT).singleResult();
    assertThat(escalation.getDuedate()).isAfter(reminder.getDuedate());
    assertThat(escalation.getDuedate().getTime() - reminder.getDuedate().getTime())
        .isBetween(14L * 86_400_000 - 60_000, 14L * 86_400_000 + 60_000);

    fireTimer(TIMER_REMIND_CONTROLLER);
    runAsyncJobs();

    assertThat(calls).containsExactly("remindControllerDelegate");
    assertThat(instance).isWaitingAt(TASK_AWAIT_CONTROLLER_ANSWER);
    answer(CONTROLLER, "CARRY_OUT");
    runAsyncJobs();
    assertThat(instance).isEnded().hasPassed("EndEvent_CarriedOut");
  }

  @Test
  void theDpoChasesASilentControllerThenRecordsItsInstruction() {
    var instance = start(CONTROLLER);
    fireTimer(TIMER_CONTROLLER_SILENT);

    var chase = taskQuery().taskDefinitionKey(TASK_CHASE_CONTROLLER).singleResult();
    assertThat(chase).hasCandidateGroup("dpo");
    assertThat(chase.getDueDate()).isEqualTo(DUE);
    complete(chase, withVariables(CONTROLLER_DECISION, CONTROLLER_CHASE, CONTROLLER_NOTE, "Called their office"));

    assertThat(calls).containsExactly("recordControllerDecisionListener chase", "remindControllerDelegate");
    assertThat(instance).isWaitingAt(TASK_AWAIT_CONTROLLER_ANSWER);
    assertThat(managementService().createJobQuery().timers().activityId(TIMER_CONTROLLER_SILENT).count()).isOne();

    fireTimer(TIMER_CONTROLLER_SILENT);
    complete(taskQuery().taskDefinitionKey(TASK_CHASE_CONTROLLER).singleResult(),
        withVariables(CONTROLLER_DECISION, "carryOut", CONTROLLER_NOTE, "Instructed by phone, 3 Dec"));
    runAsyncJobs();

    assertThat(instance).isEnded().hasPassed("EndEvent_CarriedOut");
    assertThat(calls).endsWith("actOnControllerAnswerDelegate carryOut", "message-log ERASE 1 for 12");
  }

  @Test
  void theDpoClosesAControllerThatNeverAnswers() {
    var instance = start(CONTROLLER);
    fireTimer(TIMER_CONTROLLER_SILENT);

    complete(taskQuery().taskDefinitionKey(TASK_CHASE_CONTROLLER).singleResult(),
        withVariables(CONTROLLER_DECISION, "noAnswer", CONTROLLER_NOTE, "Three emails and a call, no answer"));
    runAsyncJobs();

    assertThat(instance).isEnded().hasPassed("EndEvent_LeftToController");
    assertThat(calls).doesNotContain("message-log ERASE 1 for 12");
  }

  @Test
  void anAnswerWhileTheChaseTaskIsOpenClosesTheTask() {
    var instance = start(CONTROLLER);
    fireTimer(TIMER_CONTROLLER_SILENT);
    assertThat(instance).isWaitingAt(TASK_CHASE_CONTROLLER);

    answer(CONTROLLER, "HANDLED_BY_CONTROLLER");
    runAsyncJobs();

    assertThat(taskQuery().count()).isZero();
    assertThat(instance).isEnded().hasPassed("Event_AnsweredWhileChasing", "EndEvent_LeftToController");
  }

  @Test
  void theChaseTaskTakesOnlyTheDecisionsOfItsForm() {
    start(CONTROLLER);
    fireTimer(TIMER_CONTROLLER_SILENT);
    var chase = taskQuery().taskDefinitionKey(TASK_CHASE_CONTROLLER).singleResult();

    assertThatThrownBy(() -> taskService().complete(chase.getId(), withVariables(CONTROLLER_DECISION, "erase",
        CONTROLLER_NOTE, "x"))).hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("must be one of");
    assertThatThrownBy(() -> taskService().complete(chase.getId(), withVariables(CONTROLLER_DECISION, "noAnswer")))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("is required");
    assertThat(taskQuery().taskDefinitionKey(TASK_CHASE_CONTROLLER).count()).isOne();
  }

  private ProcessInstance start(long controller) {
    var variables = rightVariables();
    variables.put(CONTROLLER_REQUEST, controller);
    variables.put(OPERATION, "ERASE");
    return runtimeService().startProcessInstanceByKey(KEY_CONTROLLER_INSTRUCTION, REFERENCE, variables);
  }

  /** As the answer page does: the answer is recorded, then the wait for that controller is woken. */
  private void answer(long controller, String answer) {
    recordedAnswers.put(controller, answer);
    new ControllerInstructions(runtimeService()).answered(REFERENCE, controller);
  }
}
