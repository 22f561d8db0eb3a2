package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.dsrpipeline.workflow.ErasureProcess.*;
import static org.dsrpipeline.workflow.RightProcess.*;

import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.workflow.FormInputRefused;
import org.junit.jupiter.api.BeforeEach;
import org.dsrpipeline.workflow.DeferredErasureWakeUp;
import org.junit.jupiter.api.Test;

/** Every path through processes/rights/erasure.bpmn and processes/rights/deferred-erasure.bpmn. */
@Deployment(resources = {
    "processes/rights/erasure.bpmn",
    "processes/rights/deferred-erasure.bpmn",
    "processes/rights/controller-instruction.bpmn",
    "processes/rights/resolve-subject.bpmn",
    "processes/rights/store-operation.bpmn"})
class ErasureProcessTest extends RightProcessTestBase {

  private String storesToErase = "customer-accounts,marketing,paper-archive";
  /** Per erasure pass, when the next kept record's retention ends; null: nothing kept. */
  private final Deque<Date> keptUntil = new ArrayDeque<>();

  @BeforeEach
  void registerErasureSteps() {
    Mocks.register("prepareErasurePlanDelegate", (JavaDelegate) execution -> {
      calls.add("prepareErasurePlanDelegate");
      execution.setVariable(PLAN_PATH, planPath(execution.getProcessBusinessKey()));
    });
    record("recordErasurePlanApprovedListener");
    Mocks.register("chooseStoresToEraseDelegate", (JavaDelegate) execution -> {
      calls.add("chooseStoresToEraseDelegate");
      execution.setVariable(STORES, storesToErase);
    });
    Mocks.register("checkRecordsKeptDelegate", (JavaDelegate) execution -> {
      var next = keptUntil.isEmpty() ? null : keptUntil.poll();
      execution.setVariable(RECORDS_KEPT, next != null);
      if (next != null) {
        execution.setVariable(RETENTION_ENDS, next);
      }
    });
    Mocks.register("startDeferredErasureDelegate", new StartDeferredErasureDelegate());
    Mocks.register("listKeptStoresDelegate", (JavaDelegate) execution -> {
      execution.setVariable(STORES, "customer-accounts");
      execution.setVariable(PASS, ((Number) execution.getVariable(PASS)).intValue() + 1);
    });
    record("forgetSubjectIdentitiesDelegate");
  }

  @Test
  void theErasureWaitsForEachControllerCustomerAskedBeforeTellingTheRecipients() {
    controllersAsked = "12,13";
    Mocks.register("actOnControllerAnswerDelegate", (JavaDelegate) execution -> {
      calls.add("actOnControllerAnswerDelegate " + execution.getVariable(CONTROLLER_REQUEST));
      execution.setVariable(STORES, "");
      execution.setVariable(CARRY_OUT, false);
    });
    var erasure = start();
    runAsyncJobs();
    complete(reviewTask(), withVariables(PLAN_APPROVED, true));
    runAsyncJobs();

    assertThat(calls).contains("askControllersDelegate ERASE").doesNotContain("notifyRecipientsDelegate");
    var waiting = runtimeService().createProcessInstanceQuery().processDefinitionKey(KEY_CONTROLLER_INSTRUCTION)
        .list();
    assertThat(waiting).hasSize(2);
    assertThat(waiting).allSatisfy(instance -> assertThat(instance).isWaitingAt(TASK_AWAIT_CONTROLLER_ANSWER));

    var answers = new org.dsrpipeline.workflow.ControllerInstructions(runtimeService());
    answers.answered(REFERENCE, 12L);
    runAsyncJobs();
    assertThat(erasure).isNotEnded();
    answers.answered(REFERENCE, 13L);
    runAsyncJobs();

    assertThat(calls).containsSubsequence("askControllersDelegate ERASE", "notifyRecipientsDelegate",
        "forgetSubjectIdentitiesDelegate");
    assertThat(calls).contains("actOnControllerAnswerDelegate 12", "actOnControllerAnswerDelegate 13");
    assertThat(erasure).hasPassed("Task_AskControllers", "CallActivity_AwaitControllers").isEnded();
  }

  @Test
  void anApprovedPlanIsErasedStoreByStoreAndThenTheIdentitiesAreDeleted() {
    var erasure = start();
    runAsyncJobs();

    var review = reviewTask();
    assertThat(review).hasCandidateGroup("dpo");
    assertThat(review.getDueDate()).isEqualTo(DUE);
    assertThat(review.getFollowUpDate()).isEqualTo(REMINDER);
    assertThat(taskService().getVariable(review.getId(), PLAN_PATH)).isEqualTo("/dpo/requests/" + REFERENCE
        + "/erasure-plan");
    assertThat(calls).containsExactly("resolveSubjectDelegate", "prepareErasurePlanDelegate");

    complete(review, withVariables(PLAN_APPROVED, true));
    runAsyncJobs();

    assertThat(erasure).hasPassed(CALL_ERASE_STORES, TASK_NOTIFY_RECIPIENTS, TASK_FORGET_IDENTITIES,
        "EndEvent_ErasureDone").isEnded().hasNotPassed(TASK_START_DEFERRED);
    assertThat(calls).containsSubsequence("recordErasurePlanApprovedListener", "chooseStoresToEraseDelegate",
        "notifyRecipientsDelegate", "forgetSubjectIdentitiesDelegate")
        .contains("customer-accounts ERASE 1", "marketing ERASE 1", "paper-archive ERASE 1")
        .endsWith("forgetSubjectIdentitiesDelegate");
    assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(erasure.getId())
        .variableName("outcomeSummary").count()).as("no DPO note: the answer is built from the outcomes").isZero();
  }

  @Test
  void nothingIsErasedUntilTheDpoApprovesThePlan() {
    start();
    runAsyncJobs();
    var review = reviewTask();

    assertThatThrownBy(() -> complete(review, withVariables(PLAN_APPROVED, false)))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("must be ticked");
    assertThatThrownBy(() -> complete(review, withVariables(PLAN_APPROVED, "yes")))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("must be true or false");
    assertThatThrownBy(() -> complete(review))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("must be ticked");

    assertThat(calls).doesNotContain("chooseStoresToEraseDelegate").noneMatch(c -> c.contains("ERASE"));
    assertThat(reviewTask().getId()).isEqualTo(review.getId());
  }

  @Test
  void identitiesThatNeedTheDpoAreCheckedBeforeThePlan() {
    resolutions.add(false);
    var erasure = start();
    runAsyncJobs();

    var check = taskQuery().taskDefinitionKey(TASK_CHECK_SUBJECT_IDENTITIES).singleResult();
    assertThat(check).isNotNull();
    assertThat(calls).doesNotContain("prepareErasurePlanDelegate");
    complete(check, withVariables(IDENTITIES_DECISION, IDENTITIES_ACCEPT_AS_FOUND, IDENTITIES_NOTE, "CRM holds none"));
    runAsyncJobs();

    assertThat(erasure).isWaitingAt(TASK_REVIEW_PLAN);
  }

  @Test
  void aStoreThatKeepsFailingHasAnIncidentOnItsOwnStepWhileTheOthersFinish() {
    storeAnswers("marketing", "FAILED");
    var erasure = start();
    runAsyncJobs();
    complete(reviewTask(), withVariables(PLAN_APPROVED, true));
    runAsyncJobs();

    var incident = runtimeService().createIncidentQuery().activityId(TASK_RUN_STORE_OPERATION).singleResult();
    assertThat(incident).isNotNull();
    assertThat(runtimeService().getVariable(incident.getProcessInstanceId(), STORE)).isEqualTo("marketing");
    assertThat(erasure).isWaitingAt(CALL_ERASE_STORES);
    assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey(KEY_STORE_OPERATION).count())
        .as("only the failing store's step is left").isEqualTo(1);
    assertThat(calls).containsOnlyOnce("customer-accounts ERASE 1", "paper-archive ERASE 1");

    storeAnswers("marketing", "OK");
    managementService().setJobRetries(incident.getConfiguration(), 1);
    runAsyncJobs();

    assertThat(erasure).hasPassed("EndEvent_ErasureDone").isEnded();
    assertThat(calls.stream().filter("marketing ERASE 1"::equals)).hasSize(4);
  }

  @Test
  void recordsKeptUnderRetentionAreLeftToADeferredErasureAndTheRequestIsAnsweredNow() {
    keptUntil.add(inDays(400));
    var erasure = start();
    runAsyncJobs();
    complete(reviewTask(), withVariables(PLAN_APPROVED, true));
    runAsyncJobs();

    assertThat(erasure).hasPassed(TASK_START_DEFERRED, "EndEvent_ErasureDoneKeptLater").isEnded()
        .hasNotPassed(TASK_FORGET_IDENTITIES);
    var deferred = deferredErasure();
    assertThat(deferred).isWaitingAt(GATEWAY_AWAIT_RETENTION_OR_LIFT);
    assertThat(calls).doesNotContain("forgetSubjectIdentitiesDelegate");
  }

  @Test
  void theDeferredErasureErasesAgainWhenRetentionEndsUntilNothingIsKeptThenDeletesTheIdentities() {
    var deferred = runtimeService().startProcessInstanceByKey(KEY_DEFERRED, REFERENCE,
        Map.of(RETENTION_ENDS, inDays(30), PASS, 1));
    assertThat(deferred).isWaitingAt(GATEWAY_AWAIT_RETENTION_OR_LIFT);
    keptUntil.add(inDays(60));

    fireTimer(TIMER_RETENTION_ENDS);
    runAsyncJobs();
    assertThat(deferred).isWaitingAt(GATEWAY_AWAIT_RETENTION_OR_LIFT);
    assertThat(calls).containsExactly("customer-accounts ERASE 2");

    fireTimer(TIMER_RETENTION_ENDS);
    runAsyncJobs();

    assertThat(deferred).hasPassed(TASK_FORGET_IDENTITIES, "EndEvent_DeferredErasureDone").isEnded();
    assertThat(calls).containsExactly("customer-accounts ERASE 2", "customer-accounts ERASE 3",
        "forgetSubjectIdentitiesDelegate");
  }

  @Test
  void aLiftedLegalHoldWakesTheDeferredErasureAtOnceAndItsStoreIsErasedInTheNextPass() {
    var deferred = runtimeService().startProcessInstanceByKey(KEY_DEFERRED, REFERENCE,
        Map.of(RETENTION_ENDS, inDays(30), PASS, 1));
    assertThat(deferred).isWaitingAt(GATEWAY_AWAIT_RETENTION_OR_LIFT);

    new DeferredErasureWakeUp(runtimeService()).legalHoldLifted(REFERENCE);
    runAsyncJobs();

    assertThat(deferred).hasPassed(EVENT_LEGAL_HOLD_LIFTED, TASK_LIST_KEPT_STORES, TASK_FORGET_IDENTITIES).isEnded()
        .hasNotPassed(TIMER_RETENTION_ENDS);
    assertThat(calls).containsExactly("customer-accounts ERASE 2", "forgetSubjectIdentitiesDelegate");
    assertThat(managementService().createJobQuery().timers().count()).as("the retention timer is gone").isZero();
  }

  @Test
  void liftingAHoldWhenNoDeferredErasureWaitsChangesNothing() {
    new DeferredErasureWakeUp(runtimeService()).legalHoldLifted(REFERENCE);

    assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void theDeferredErasureIsStartedOncePerRequest() {
    keptUntil.add(inDays(400));
    keptUntil.add(inDays(400));
    start();
    runAsyncJobs();
    complete(reviewTask(), withVariables(PLAN_APPROVED, true));
    runAsyncJobs();
    var second = start();
    runAsyncJobs();
    complete(reviewTask(), withVariables(PLAN_APPROVED, true));
    runAsyncJobs();

    assertThat(second).isEnded();
    assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey(KEY_DEFERRED).count()).isEqualTo(1);
  }

  private ProcessInstance start() {
    return runtimeService().startProcessInstanceByKey(KEY, REFERENCE, rightVariables());
  }

  private Task reviewTask() {
    return taskQuery().taskDefinitionKey(TASK_REVIEW_PLAN).singleResult();
  }

  private ProcessInstance deferredErasure() {
    return runtimeService().createProcessInstanceQuery().processDefinitionKey(KEY_DEFERRED)
        .processInstanceBusinessKey(REFERENCE).singleResult();
  }
}
