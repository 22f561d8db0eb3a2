package org.dsrpipeline.request.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.dsrpipeline.workflow.DataSubjectRequestProcess.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.deadline.Deadline;
import org.dsrpipeline.workflow.RequestWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path through processes/data-subject-request.bpmn, on a plain engine with recording delegates. */
@Deployment(resources = {
    "processes/data-subject-request.bpmn",
    "processes/rights/access.bpmn",
    "processes/rights/rectification.bpmn",
    "processes/rights/erasure.bpmn",
    "processes/rights/restriction.bpmn",
    "processes/rights/objection.bpmn",
    "processes/rights/portability.bpmn"})
class DataSubjectRequestProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-process-test.cfg.xml")
      .build();

  private static final ZoneId ATHENS = ZoneId.of("Europe/Athens");
  private static final Deadline FIRST = deadline(LocalDate.of(2026, 12, 28));
  private static final Deadline EXTENDED = deadline(LocalDate.of(2027, 3, 1));

  private final List<String> calls = new ArrayList<>();

  @BeforeEach
  void registerDelegates() {
    ProcessEngine processEngine = engine.getProcessEngine();
    init(processEngine);
    register("closeUnverifiedRequestDelegate");
    register("remindDpoDelegate");
    register("markRequestOverdueDelegate");
    register("refuseRequestDelegate");
    register("completeRequestDelegate");
    var workflow = new RequestWorkflow(processEngine.getRuntimeService(), processEngine.getTaskService());
    Mocks.register("extendDeadlineDelegate", (JavaDelegate) execution -> {
      calls.add("extendDeadlineDelegate");
      workflow.moveDeadline(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), EXTENDED);
    });
    Mocks.register("recordDecisionMakerListener", new RecordDecisionMakerListener());
    Mocks.register("validateReviewDecisionListener", new ValidateReviewDecisionListener());
    Mocks.register("validateExtensionListener", (org.camunda.bpm.engine.delegate.TaskListener) task -> { });
    Mocks.register("recordOverdueAnswerListener", (org.camunda.bpm.engine.delegate.TaskListener) task -> { });
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void aConfirmedRequestIsReviewedCarriedOutAndAnswered() {
    var instance = startRequest(false);
    assertThat(instance).isWaitingAt("Gateway_AwaitIdentity");

    confirmIdentity();
    assertThat(instance).isWaitingAt(TASK_REVIEW_REQUEST, TASK_CONSIDER_EXTENSION);
    var review = task(TASK_REVIEW_REQUEST);
    assertThat(review).hasCandidateGroup("dpo");
    assertThat(review.getDueDate()).isEqualTo(Date.from(FIRST.dueAt()));
    assertThat(review.getFollowUpDate()).isEqualTo(Date.from(FIRST.reminderAt()));

    complete(review, withVariables(DECISION, DECISION_PROCEED));
    execute(job("CallActivity_FulfilRight"));
    var right = calledProcessInstance(instance);
    assertThat(right).hasProcessDefinitionKey("Process_Erasure").hasBusinessKey("DSR-2026-000001");
    var carryOut = taskQuery().processInstanceId(right.getId()).singleResult();
    assertThat(carryOut).hasCandidateGroup("dpo");
    assertThat(carryOut.getDueDate()).isEqualTo(Date.from(FIRST.dueAt()));

    complete(carryOut, withVariables(OUTCOME_SUMMARY, "Deleted from 3 stores"));
    assertThat(instance).isWaitingAt("Task_CompleteRequest");
    execute(job("Task_CompleteRequest"));

    assertThat(instance).hasPassed("Task_CompleteRequest", "EndEvent_RequestAnswered").isEnded();
    assertThat(calls).containsExactly("completeRequestDelegate");
  }

  @Test
  void aRequestWhoseIdentityTheDpoCheckedGoesStraightToReview() {
    var instance = startRequest(true);

    assertThat(instance).isWaitingAt(TASK_REVIEW_REQUEST, TASK_CONSIDER_EXTENSION);
    assertThat(instance).hasNotPassed("Event_IdentityConfirmed");
  }

  @Test
  void anUnconfirmedRequestIsClosedWhenTheVerificationWindowEnds() {
    var instance = startRequest(false);

    execute(job("Timer_VerificationExpired"));
    assertThat(instance).isWaitingAt("Task_CloseUnverifiedRequest");
    execute(job("Task_CloseUnverifiedRequest"));

    assertThat(instance).hasPassed("EndEvent_ClosedUnverified").isEnded();
    assertThat(calls).containsExactly("closeUnverifiedRequestDelegate");
  }

  @Test
  void anExtensionMovesTheTimersAndTheDueDatesOfOpenTasks() {
    var instance = startRequest(true);

    complete(task(TASK_CONSIDER_EXTENSION), withVariables(EXTENSION_REASON, "Data in 14 stores"));
    execute(job("Task_ExtendDeadline"));

    assertThat(calls).containsExactly("extendDeadlineDelegate");
    assertThat(instance).isWaitingAt("Timer_ExtendedReminder", TASK_REVIEW_REQUEST);
    assertThat(job("Timer_ExtendedReminder").getDuedate()).isEqualTo(Date.from(EXTENDED.reminderAt()));
    assertThat(task(TASK_REVIEW_REQUEST).getDueDate()).isEqualTo(Date.from(EXTENDED.dueAt()));
    assertThat(task(TASK_REVIEW_REQUEST).getFollowUpDate()).isEqualTo(Date.from(EXTENDED.reminderAt()));

    execute(job("Timer_ExtendedReminder"));
    execute(job("Task_RemindDpoOfExtendedDeadline"));
    assertThat(instance).isWaitingAt("Timer_ExtendedDeadline");
    assertThat(job("Timer_ExtendedDeadline").getDuedate()).isEqualTo(Date.from(EXTENDED.dueAt()));

    execute(job("Timer_ExtendedDeadline"));
    execute(job("Task_MarkRequestOverdue"));
    assertThat(instance).isWaitingAt(TASK_ANSWER_OVERDUE_REQUEST, TASK_REVIEW_REQUEST);
    assertThat(calls).containsExactly("extendDeadlineDelegate", "remindDpoDelegate", "markRequestOverdueDelegate");
  }

  @Test
  void tasksInTheRightsProcessMoveWithTheExtensionToo() {
    var instance = startRequest(true);
    complete(task(TASK_REVIEW_REQUEST), withVariables(DECISION, DECISION_PROCEED));
    execute(job("CallActivity_FulfilRight"));

    complete(task(TASK_CONSIDER_EXTENSION), withVariables(EXTENSION_REASON, "Many stores"));
    execute(job("Task_ExtendDeadline"));

    var carryOut = taskQuery().processInstanceId(calledProcessInstance(instance).getId()).singleResult();
    assertThat(carryOut.getDueDate()).isEqualTo(Date.from(EXTENDED.dueAt()));
    assertThat(runtimeService().getVariable(calledProcessInstance(instance).getId(), DUE_DATE))
        .isEqualTo(Date.from(EXTENDED.dueAt()));
  }

  @Test
  void theDpoIsRemindedBeforeTheDeadlineWhileWorkGoesOn() {
    var instance = startRequest(true);

    execute(job("Timer_Reminder"));
    execute(job("Task_RemindDpo"));

    assertThat(calls).containsExactly("remindDpoDelegate");
    assertThat(instance).isWaitingAt(TASK_REVIEW_REQUEST, TASK_CONSIDER_EXTENSION);
  }

  @Test
  void aRequestUnansweredAtTheDeadlineEscalatesAndCanNoLongerBeExtended() {
    var instance = startRequest(true);
    assertThat(job("Timer_LegalDeadline").getDuedate()).isEqualTo(Date.from(FIRST.dueAt()));

    execute(job("Timer_LegalDeadline"));
    execute(job("Task_MarkRequestOverdue"));

    assertThat(instance).isWaitingAt(TASK_ANSWER_OVERDUE_REQUEST, TASK_REVIEW_REQUEST);
    assertThat(instance).isNotWaitingAt(TASK_CONSIDER_EXTENSION);
    assertThat(task(TASK_ANSWER_OVERDUE_REQUEST)).hasCandidateGroup("dpo");
    assertThat(calls).containsExactly("markRequestOverdueDelegate");
  }

  @Test
  void answeringEndsTheOverdueEscalationToo() {
    var instance = startRequest(true);
    execute(job("Timer_LegalDeadline"));
    execute(job("Task_MarkRequestOverdue"));

    complete(task(TASK_REVIEW_REQUEST), withVariables(DECISION, DECISION_PROCEED));
    execute(job("CallActivity_FulfilRight"));
    complete(taskQuery().processInstanceId(calledProcessInstance(instance).getId()).singleResult(),
        withVariables(OUTCOME_SUMMARY, "Access copy delivered"));
    execute(job("Task_CompleteRequest"));

    assertThat(instance).isEnded();
  }

  @Test
  void aRefusedRequestIsClosedWithItsReasons() {
    var instance = startRequest(true);

    complete(task(TASK_REVIEW_REQUEST),
        withVariables(DECISION, DECISION_REFUSE, REFUSAL_REASONS, "Fifth identical request this month"));
    execute(job("Task_RefuseRequest"));

    assertThat(instance).hasPassed("EndEvent_RequestRefused").isEnded();
    assertThat(calls).containsExactly("refuseRequestDelegate");
  }

  @Test
  void aRefusalWithoutReasonsCannotBeCompleted() {
    var instance = startRequest(true);

    assertThatThrownBy(() -> complete(task(TASK_REVIEW_REQUEST), withVariables(DECISION, DECISION_REFUSE)))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("reasons");
    assertThat(instance).isWaitingAt(TASK_REVIEW_REQUEST);
  }

  @Test
  void theDecisionMakerIsRecordedForTheEvidenceTrail() {
    var instance = startRequest(true);
    identityService().setAuthenticatedUserId("maria");
    try {
      complete(task(TASK_REVIEW_REQUEST), withVariables(DECISION, DECISION_PROCEED));
    } finally {
      identityService().clearAuthentication();
    }

    assertThat(instance).variables().containsEntry(DECIDED_BY, "maria");
  }

  private ProcessInstance startRequest(boolean identityVerified) {
    var variables = new HashMap<String, Object>();
    variables.put(REQUEST_TYPE, "ERASURE");
    variables.put(RIGHT_PROCESS_KEY, "Process_Erasure");
    variables.put(IDENTITY_VERIFIED, identityVerified);
    variables.put(VERIFICATION_DEADLINE, Date.from(LocalDate.of(2026, 12, 12).atStartOfDay(ATHENS).toInstant()));
    variables.put(EARLIER_REQUESTS, "None");
    variables.putAll(RequestWorkflow.deadlineVariables(FIRST));
    var instance = runtimeService().startProcessInstanceByKey(KEY, "DSR-2026-000001", variables);
    assertThat(instance).isStarted();
    return instance;
  }

  private void confirmIdentity() {
    runtimeService().createMessageCorrelation(MESSAGE_IDENTITY_CONFIRMED)
        .processInstanceBusinessKey("DSR-2026-000001")
        .setVariables(Map.of())
        .correlate();
  }

  private void register(String beanName) {
    Mocks.register(beanName, (JavaDelegate) execution -> calls.add(beanName));
  }

  private static Deadline deadline(LocalDate dueDate) {
    var dueAt = dueDate.plusDays(1).atStartOfDay(ATHENS).toInstant().minusSeconds(1);
    return new Deadline(dueDate, dueAt, dueAt.minus(java.time.Duration.ofDays(5)));
  }
}
