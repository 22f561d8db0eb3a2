package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.dsrpipeline.workflow.RestrictionProcess.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.request.RequestRestrictions;
import org.dsrpipeline.rights.restriction.RestrictionProperties;
import org.dsrpipeline.workflow.RightProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every path through processes/rights/restriction.bpmn and restriction-held.bpmn. */
@Deployment(resources = {
    "processes/rights/restriction.bpmn",
    "processes/rights/controller-instruction.bpmn",
    "processes/rights/restriction-held.bpmn",
    "processes/rights/resolve-subject.bpmn",
    "processes/rights/store-operation.bpmn"})
class RestrictionProcessTest extends RightProcessTestBase {

  private static final Instant LIFTS_AT = Instant.parse("2026-12-15T10:00:00Z");

  private final RequestRestrictions restrictions = mock(RequestRestrictions.class);

  @BeforeEach
  void registerRestrictionSteps() {
    when(restrictions.announceLift(eq(REFERENCE), any())).thenReturn(LIFTS_AT);
    Mocks.register("chooseStoresDelegate", (JavaDelegate) execution -> {
      var selection = (String) execution.getVariable(ChooseStoresDelegate.STORE_SELECTION);
      calls.add("choose " + execution.getVariable(RightProcess.OPERATION) + " " + selection);
      execution.setVariable(RightProcess.STORES, "CONTROLLER".equals(selection)
          ? "customer-accounts,marketing,paper-archive" : "customer-accounts,paper-archive");
    });
    Mocks.register("markRequestRestrictedDelegate", new MarkRequestRestrictedDelegate(restrictions));
    Mocks.register("holdRestrictionDelegate", new HoldRestrictionDelegate());
    Mocks.register("recordLiftDecisionListener", new RecordLiftDecisionListener(restrictions));
    Mocks.register("announceRestrictionLiftDelegate", new AnnounceRestrictionLiftDelegate(restrictions,
        new RestrictionProperties(Duration.ofDays(7))));
    Mocks.register("recordRestrictionLiftedDelegate", new RecordRestrictionLiftedDelegate(restrictions));
    identityService().saveGroup(identityService().newGroup("dpo"));
    identityService().saveUser(identityService().newUser("eleni"));
    identityService().createMembership("eleni", "dpo");
  }

  @AfterEach
  void removeUsers() {
    identityService().deleteUser("eleni");
    identityService().deleteGroup("dpo");
  }

  @Test
  void everyStoreIsRestrictedInItsOwnStepThenTheRequestIsMarkedAndTheRestrictionHeldAfterTheAnswer() {
    var restriction = startRestriction();

    runAsyncJobs();

    assertThat(restriction).hasPassed(CALL_RESTRICT_STORES, RightProcess.TASK_NOTIFY_RECIPIENTS, TASK_MARK_RESTRICTED,
        TASK_HOLD_RESTRICTION).isEnded();
    assertThat(calls).containsExactly("resolveSubjectDelegate", "choose RESTRICT CONTROLLER",
        "customer-accounts RESTRICT 1", "marketing RESTRICT 1", "paper-archive RESTRICT 1",
        "askControllersDelegate RESTRICT", "notifyRecipientsDelegate");
    verify(restrictions).markRestricted(REFERENCE);
    var held = held();
    assertThat(held).isWaitingAt(TASK_LIFT_RESTRICTION);
    var lift = task(TASK_LIFT_RESTRICTION, held);
    assertThat(lift).hasCandidateGroup("dpo");
    assertThat(lift.getDueDate()).as("no legal deadline: the restriction lasts until lifted").isNull();
  }

  @Test
  void aStoreThatKeepsFailingHasItsOwnIncidentTheOthersAreRestrictedAndTheRequestWaits() {
    storeAnswers("marketing", "FAILED");
    var restriction = startRestriction();

    runAsyncJobs();

    var incident = runtimeService().createIncidentQuery().activityId(RightProcess.TASK_RUN_STORE_OPERATION)
        .singleResult();
    assertThat(runtimeService().getVariable(incident.getExecutionId(), RightProcess.STORE)).isEqualTo("marketing");
    assertThat(calls).contains("customer-accounts RESTRICT 1", "paper-archive RESTRICT 1");
    assertThat(restriction).isWaitingAt(CALL_RESTRICT_STORES);
    verify(restrictions, never()).markRestricted(any());
  }

  @Test
  void aManualStoreIsWaitedFor() {
    storeAnswers("paper-archive", "MANUAL_PENDING", "OK");
    var restriction = startRestriction();
    runAsyncJobs();
    assertThat(restriction).isWaitingAt(CALL_RESTRICT_STORES);

    runtimeService().createMessageCorrelation(RightProcess.MESSAGE_MANUAL_ACTION_ANSWERED)
        .processInstanceBusinessKey(REFERENCE).processInstanceVariableEquals(RightProcess.STORE, "paper-archive")
        .processInstanceVariableEquals(RightProcess.OPERATION, "RESTRICT").correlate();
    runAsyncJobs();

    assertThat(restriction).isEnded();
    verify(restrictions).markRestricted(REFERENCE);
  }

  @Test
  void holdingTheRestrictionTwiceStartsOneHeldProcess() {
    runtimeService().startProcessInstanceByKey(HELD_KEY, REFERENCE);
    startRestriction();

    runAsyncJobs();

    assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey(HELD_KEY)
        .processInstanceBusinessKey(REFERENCE).count()).isEqualTo(1);
  }

  @Test
  void liftingNeedsAReasonOfAtMostAThousandCharacters() {
    var held = runtimeService().startProcessInstanceByKey(HELD_KEY, REFERENCE);
    var lift = task(TASK_LIFT_RESTRICTION, held);
    identityService().setAuthenticatedUserId("eleni");

    assertThatThrownBy(() -> taskService().complete(lift.getId()))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("is required");
    assertThatThrownBy(() -> taskService().complete(lift.getId(), Map.of(LIFT_REASON, "x".repeat(1001))))
        .hasMessageContaining("at most 1,000 characters");
    assertThat(held).isWaitingAt(TASK_LIFT_RESTRICTION);
  }

  @Test
  void theRequesterIsToldBeforeTheLiftThenEveryRestrictedStoreIsUnrestrictedAfterTheNoticePeriod() {
    var held = runtimeService().startProcessInstanceByKey(HELD_KEY, REFERENCE);
    identityService().setAuthenticatedUserId("eleni");

    taskService().complete(task(TASK_LIFT_RESTRICTION, held).getId(), Map.of(LIFT_REASON, "Accuracy verified"));
    identityService().clearAuthentication();
    verify(restrictions).recordLiftDecision(REFERENCE, "Accuracy verified", "eleni");
    runAsyncJobs();

    verify(restrictions).announceLift(REFERENCE, Duration.ofDays(7));
    assertThat(held).isWaitingAt(TIMER_LIFT_NOTICE_ENDS).variables().doesNotContainKey(LIFT_REASON);
    assertThat(job(TIMER_LIFT_NOTICE_ENDS).getDuedate()).isEqualTo(Date.from(LIFTS_AT));
    verify(restrictions, never()).markLifted(any());
    assertThat(calls).isEmpty();

    fireTimer(TIMER_LIFT_NOTICE_ENDS);
    runAsyncJobs();

    assertThat(calls).containsExactly("choose UNRESTRICT RESTRICTED", "customer-accounts UNRESTRICT 1",
        "paper-archive UNRESTRICT 1");
    verify(restrictions).markLifted(REFERENCE);
    assertThat(held).hasPassed(TIMER_LIFT_NOTICE_ENDS, CALL_UNRESTRICT_STORES, TASK_RECORD_LIFTED).isEnded();
  }

  private ProcessInstance startRestriction() {
    var variables = rightVariables();
    variables.put("requestType", "RESTRICTION");
    return runtimeService().startProcessInstanceByKey(KEY, REFERENCE, variables);
  }

  private static ProcessInstance held() {
    return runtimeService().createProcessInstanceQuery().processDefinitionKey(HELD_KEY)
        .processInstanceBusinessKey(REFERENCE).singleResult();
  }
}
