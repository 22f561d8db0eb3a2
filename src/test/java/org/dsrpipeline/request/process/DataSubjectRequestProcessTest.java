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
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.deadline.Deadline;
import org.dsrpipeline.workflow.FormInputRefused;
import org.dsrpipeline.workflow.RequestWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path through processes/data-subject-request.bpmn, on a plain engine with recording delegates. */
@Deployment(resources = {
    "processes/data-subject-request.bpmn",
    "processes/who-reviews.dmn",
    "processes/rights/access.bpmn",
    // the request's own paths with a right done in one DPO task (the rights' own diagrams have their tests)
    "org/dsrpipeline/request/process/one-task-right.bpmn",
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
  private final List<String> recorded = new ArrayList<>();

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
    Mocks.register("dpoOnlyTaskListener", new DpoOnlyTaskListener());
    Mocks.register("checkFormInputListener", new CheckFormInputListener());
    Mocks.register("validateExtensionListener", (TaskListener) task -> { });
    recordTask("recordReviewDecisionListener");
    recordTask("recordExtensionDecisionListener");
    recordTask("recordOverdueAnswerListener");
    recordTask("recordRightCarriedOutListener");
    recordTask("recordUnconfirmedDecisionListener");
    Mocks.register("recordReviewNotNeededListener",
        (ExecutionListener) execution -> recorded.add("recordReviewNotNeededListener"));
  }

  @AfterEach
  void resetMocksAndClock() {
    Mocks.reset();
    ClockUtil.reset();
    identityService().clearAuthentication();
    identityService().createUserQuery().list().forEach(user -> identityService().deleteUser(user.getId()));
    identityService().createGroupQuery().list().forEach(group -> identityService().deleteGroup(group.getId()));
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
    assertThat(right).hasProcessDefinitionKey("Process_OneTaskRight").hasBusinessKey("DSR-2026-000001");
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
  void anObjectionToDirectMarketingIsCarriedOutAtOnceWithoutReview() {
    var instance = startRequest(true, "OBJECTION", "Process_Objection", "MARKETING");

    assertThat(instance).hasPassed(TASK_DECIDE_WHO_REVIEWS, GATEWAY_CARRY_OUT_RIGHT)
        .isWaitingAt(CALL_ACTIVITY_FULFIL_RIGHT, TASK_CONSIDER_EXTENSION).hasNotPassed(TASK_REVIEW_REQUEST);
    assertThat(instance).variables().containsEntry(REVIEW_NEEDED, false);
    assertThat(recorded).containsExactly("recordReviewNotNeededListener");

    execute(job(CALL_ACTIVITY_FULFIL_RIGHT));
    var right = calledProcessInstance(instance);
    assertThat(right).hasProcessDefinitionKey("Process_Objection");
    assertThat(runtimeService().getVariable(right.getId(), OBJECTION_SCOPE)).isEqualTo("MARKETING");
    assertThat(taskQuery().taskDefinitionKey(TASK_REVIEW_REQUEST).count()).isZero();
  }

  @Test
  void whoReviewsIsDecidedInAJobOfItsOwnSoThatABrokenDecisionRaisesAnIncidentNotAFailedConfirmation() {
    var instance = startRequest(false);
    runtimeService().createMessageCorrelation(MESSAGE_IDENTITY_CONFIRMED)
        .processInstanceBusinessKey("DSR-2026-000001").correlate();

    assertThat(instance).isWaitingAt(TASK_DECIDE_WHO_REVIEWS, TASK_CONSIDER_EXTENSION);
    execute(job(TASK_DECIDE_WHO_REVIEWS));
    assertThat(instance).isWaitingAt(TASK_REVIEW_REQUEST, TASK_CONSIDER_EXTENSION);
  }

  @Test
  void anObjectionToOtherProcessingIsReviewedFirst() {
    var instance = startRequest(true, "OBJECTION", "Process_Objection", "PROCESSING");

    assertThat(instance).hasPassed(TASK_DECIDE_WHO_REVIEWS).isWaitingAt(TASK_REVIEW_REQUEST, TASK_CONSIDER_EXTENSION);
    assertThat(instance).variables().containsEntry(REVIEW_NEEDED, true);
    assertThat(recorded).isEmpty();

    complete(task(TASK_REVIEW_REQUEST), withVariables(DECISION, DECISION_PROCEED));
    execute(job(CALL_ACTIVITY_FULFIL_RIGHT));
    assertThat(runtimeService().getVariable(calledProcessInstance(instance).getId(), OBJECTION_SCOPE))
        .isEqualTo("PROCESSING");
  }

  @Test
  void byDefaultEveryRightIsReviewedExceptAnObjectionToDirectMarketing() {
    for (var type : List.of("ACCESS", "RECTIFICATION", "ERASURE", "RESTRICTION", "PORTABILITY")) {
      assertThat(reviewNeeded(type, null)).as(type).isTrue();
    }
    assertThat(reviewNeeded("OBJECTION", "PROCESSING")).isTrue();
    assertThat(reviewNeeded("OBJECTION", "CONSENT")).isTrue();
    assertThat(reviewNeeded("OBJECTION", "MARKETING")).isFalse();
  }

  private Boolean reviewNeeded(String type, String scope) {
    return engine.getProcessEngine().getDecisionService().evaluateDecisionTableByKey(DECISION_WHO_REVIEWS,
        withVariables(REQUEST_TYPE, type, OBJECTION_SCOPE, scope)).getSingleEntry();
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

    ClockUtil.setCurrentTime(Date.from(FIRST.dueAt().minusSeconds(86_400)));
    execute(job("Timer_VerificationExpired"));
    assertThat(instance).isWaitingAt("Task_CloseUnverifiedRequest");
    execute(job("Task_CloseUnverifiedRequest"));

    assertThat(instance).hasPassed("EndEvent_ClosedUnverified").isEnded();
    assertThat(calls).containsExactly("closeUnverifiedRequestDelegate");
  }

  @Test
  void anUnconfirmedRequestWhoseDeadlinePassedGoesToTheDpoInsteadOfClosing() {
    var instance = startRequest(false);

    ClockUtil.setCurrentTime(Date.from(FIRST.dueAt().plusSeconds(1)));
    execute(job("Timer_VerificationExpired"));

    assertThat(instance).isWaitingAt(TASK_DECIDE_UNCONFIRMED_REQUEST).hasNotPassed("Task_CloseUnverifiedRequest");
    var decide = task(TASK_DECIDE_UNCONFIRMED_REQUEST);
    assertThat(decide).hasCandidateGroup("dpo");
    assertThat(decide.getDueDate()).isEqualTo(Date.from(FIRST.dueAt()));
    assertThat(calls).isEmpty();
  }

  @Test
  void theDpoConfirmsTheIdentityOfAnUnconfirmedOverdueRequestAndItIsHandled() {
    var instance = startRequest(false);
    ClockUtil.setCurrentTime(Date.from(FIRST.dueAt().plusSeconds(1)));
    execute(job("Timer_VerificationExpired"));

    complete(task(TASK_DECIDE_UNCONFIRMED_REQUEST), withVariables(UNCONFIRMED_DECISION, UNCONFIRMED_DECISION_CONFIRMED,
        UNCONFIRMED_NOTE, "Called the requester on the number in the letter"));
    decideWhoReviews();

    assertThat(instance).isWaitingAt(TASK_REVIEW_REQUEST, TASK_CONSIDER_EXTENSION);
    assertThat(recorded).containsExactly("recordUnconfirmedDecisionListener");
  }

  @Test
  void theDpoClosesAnUnconfirmedOverdueRequest() {
    var instance = startRequest(false);
    ClockUtil.setCurrentTime(Date.from(FIRST.dueAt().plusSeconds(1)));
    execute(job("Timer_VerificationExpired"));

    complete(task(TASK_DECIDE_UNCONFIRMED_REQUEST), withVariables(UNCONFIRMED_DECISION, UNCONFIRMED_DECISION_CLOSE,
        UNCONFIRMED_NOTE, "No reply by phone or post"));
    execute(job("Task_CloseUnverifiedRequest"));

    assertThat(instance).hasPassed("EndEvent_ClosedUnverified").isEnded();
    assertThat(recorded).containsExactly("recordUnconfirmedDecisionListener");
    assertThat(calls).containsExactly("closeUnverifiedRequestDelegate");
  }

  @Test
  void theDecisionOnAnUnconfirmedRequestNeedsAValidChoiceAndANote() {
    var instance = startRequest(false);
    ClockUtil.setCurrentTime(Date.from(FIRST.dueAt().plusSeconds(1)));
    execute(job("Timer_VerificationExpired"));
    var decide = task(TASK_DECIDE_UNCONFIRMED_REQUEST);

    assertThatThrownBy(() -> complete(decide, withVariables(UNCONFIRMED_DECISION, "maybe", UNCONFIRMED_NOTE, "x")))
        .hasMessageContaining("must be one of: confirmed, close");
    assertThatThrownBy(() -> complete(decide, withVariables(UNCONFIRMED_DECISION, UNCONFIRMED_DECISION_CLOSE)))
        .hasMessageContaining("is required");
    assertThat(instance).isWaitingAt(TASK_DECIDE_UNCONFIRMED_REQUEST);
    assertThat(recorded).isEmpty();
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
        .hasRootCauseInstanceOf(FormInputRefused.class)
        .hasMessageContaining("'Reasons for refusal' is required");
    assertThat(instance).isWaitingAt(TASK_REVIEW_REQUEST);
    assertThat(recorded).isEmpty();
  }

  @Test
  void theDpoNoteToTheRequesterIsOptionalButBounded() {
    var instance = startRequest(true, "ACCESS", "Process_OneTaskRight", null);
    complete(task(TASK_REVIEW_REQUEST), withVariables(DECISION, DECISION_PROCEED));
    execute(job("CallActivity_FulfilRight"));
    var carryOut = taskQuery().processInstanceId(calledProcessInstance(instance).getId()).singleResult();

    assertThatThrownBy(() -> complete(carryOut, withVariables(OUTCOME_SUMMARY, "x".repeat(4001))))
        .hasMessageContaining("at most 4,000 characters");
    complete(carryOut);
    assertThat(instance).isWaitingAt("Task_CompleteRequest");
  }

  @Test
  void onlyMembersOfTheDpoGroupCompleteATask() {
    var instance = startRequest(true);
    user("maria", "dpo");
    user("admin", "camunda-admin");

    identityService().setAuthenticatedUserId("admin");
    assertThatThrownBy(() -> complete(task(TASK_REVIEW_REQUEST), withVariables(DECISION, DECISION_PROCEED)))
        .hasRootCauseInstanceOf(AuthorizationException.class).hasMessageContaining("group dpo");
    assertThat(recorded).isEmpty();

    identityService().setAuthenticatedUserId("maria");
    complete(task(TASK_REVIEW_REQUEST), withVariables(DECISION, DECISION_PROCEED));
    assertThat(instance).hasPassed(TASK_REVIEW_REQUEST);
    assertThat(recorded).containsExactly("recordReviewDecisionListener");
  }

  @Test
  void aTaskIsAssignedOnlyToMembersOfTheDpoGroup() {
    startRequest(true);
    user("maria", "dpo");
    user("intern", "interns");
    var review = task(TASK_REVIEW_REQUEST);

    assertThatThrownBy(() -> taskService().setAssignee(review.getId(), "intern"))
        .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("intern is not one");
    assertThatThrownBy(() -> taskService().claim(review.getId(), "intern")).hasMessageContaining("intern is not one");
    assertThat(task(TASK_REVIEW_REQUEST).getAssignee()).isNull();

    taskService().claim(review.getId(), "maria");
    assertThat(task(TASK_REVIEW_REQUEST)).isAssignedTo("maria");
  }

  private ProcessInstance startRequest(boolean identityVerified) {
    return startRequest(identityVerified, "ACCESS", "Process_OneTaskRight", null);
  }

  private ProcessInstance startRequest(boolean identityVerified, String type, String rightProcess, String scope) {
    var variables = new HashMap<String, Object>();
    variables.put(REQUEST_TYPE, type);
    variables.put(RIGHT_PROCESS_KEY, rightProcess);
    variables.put(OBJECTION_SCOPE, scope);
    variables.put(IDENTITY_VERIFIED, identityVerified);
    variables.put(VERIFICATION_DEADLINE, Date.from(LocalDate.of(2026, 12, 12).atStartOfDay(ATHENS).toInstant()));
    variables.put(EARLIER_REQUESTS, "None");
    variables.putAll(RequestWorkflow.deadlineVariables(FIRST));
    var instance = runtimeService().startProcessInstanceByKey(KEY, "DSR-2026-000001", variables);
    assertThat(instance).isStarted();
    decideWhoReviews();
    return instance;
  }

  private void confirmIdentity() {
    runtimeService().createMessageCorrelation(MESSAGE_IDENTITY_CONFIRMED)
        .processInstanceBusinessKey("DSR-2026-000001")
        .setVariables(Map.of())
        .correlate();
    decideWhoReviews();
  }

  /** The DMN's task is a save point: its job runs once the request is being handled. */
  private void decideWhoReviews() {
    var decision = jobQuery().activityId(TASK_DECIDE_WHO_REVIEWS).singleResult();
    if (decision != null) {
      execute(decision);
    }
  }

  private void recordTask(String beanName) {
    Mocks.register(beanName, (TaskListener) task -> recorded.add(beanName));
  }

  private void user(String id, String group) {
    identityService().saveUser(identityService().newUser(id));
    if (identityService().createGroupQuery().groupId(group).count() == 0) {
      identityService().saveGroup(identityService().newGroup(group));
    }
    identityService().createMembership(id, group);
  }

  private void register(String beanName) {
    Mocks.register(beanName, (JavaDelegate) execution -> calls.add(beanName));
  }

  private static Deadline deadline(LocalDate dueDate) {
    var dueAt = dueDate.plusDays(1).atStartOfDay(ATHENS).toInstant().minusSeconds(1);
    return new Deadline(dueDate, dueAt, dueAt.minus(java.time.Duration.ofDays(5)));
  }
}
