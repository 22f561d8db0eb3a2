package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.dsrpipeline.rights.process.RightsProcessTestSupport.executeAll;
import static org.dsrpipeline.workflow.RestrictionProcess.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.request.RequestRestrictions;
import org.dsrpipeline.rights.restriction.RestrictionProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path through processes/rights/restriction.bpmn and restriction-held.bpmn. */
@Deployment(resources = {"processes/rights/restriction.bpmn", "processes/rights/restriction-held.bpmn"})
class RestrictionProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-process-test.cfg.xml")
      .build();

  private static final String REFERENCE = "DSR-2026-000018";
  private static final Instant LIFTS_AT = Instant.parse("2026-12-15T10:00:00Z");

  private final RightsProcessTestSupport support = new RightsProcessTestSupport();
  private final RequestRestrictions restrictions = mock(RequestRestrictions.class);

  @BeforeEach
  void registerDelegates() {
    init(engine.getProcessEngine());
    support.register();
    when(restrictions.announceLift(eq(REFERENCE), any())).thenReturn(LIFTS_AT);
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
  void reset() {
    Mocks.reset();
    identityService().clearAuthentication();
    identityService().deleteUser("eleni");
    identityService().deleteGroup("dpo");
  }

  @Test
  void everyStoreIsRestrictedOneStepEachThenTheRequestIsMarkedAndTheRestrictionHeldAfterTheAnswer() {
    var instance = startRestriction();

    execute(job("Task_ResolveSubject", instance));
    execute(job(TASK_RESTRICT_STORE + "#multiInstanceBody", instance));
    assertThat(jobQuery().activityId(TASK_RESTRICT_STORE).count()).isEqualTo(3);
    executeAll(TASK_RESTRICT_STORE);
    execute(job("Task_MarkRequestRestricted", instance));
    execute(job(TASK_HOLD_RESTRICTION, instance));

    assertThat(instance).hasPassed(TASK_HOLD_RESTRICTION).isEnded();
    assertThat(support.storeSteps).containsExactly("RESOLVE", "RESTRICT customer-accounts", "RESTRICT marketing",
        "RESTRICT helpdesk");
    verify(restrictions).markRestricted(REFERENCE);
    var held = held();
    assertThat(held).isWaitingAt(TASK_LIFT_RESTRICTION);
    var lift = task(TASK_LIFT_RESTRICTION, held);
    assertThat(lift).hasCandidateGroup("dpo");
    assertThat(lift.getDueDate()).as("no legal deadline: the restriction lasts until lifted").isNull();
  }

  @Test
  void aStoreStepThatFailsLeavesTheOtherStoresToFinish() {
    var instance = startRestriction();
    execute(job("Task_ResolveSubject", instance));
    execute(job(TASK_RESTRICT_STORE + "#multiInstanceBody", instance));
    Mocks.register("actOnStoreDelegate", (org.camunda.bpm.engine.delegate.JavaDelegate) execution -> {
      if ("marketing".equals(execution.getVariable(STORE))) {
        throw new IllegalStateException("store marketing down");
      }
      support.storeSteps.add("RESTRICT " + execution.getVariable(STORE));
    });

    for (var job : jobQuery().activityId(TASK_RESTRICT_STORE).list()) {
      try {
        managementService().executeJob(job.getId());
      } catch (IllegalStateException expected) {
        managementService().setJobRetries(job.getId(), 0);
      }
    }

    assertThat(support.storeSteps).containsExactly("RESOLVE", "RESTRICT customer-accounts", "RESTRICT helpdesk");
    assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).singleResult().getActivityId())
        .isEqualTo(TASK_RESTRICT_STORE);
    assertThat(instance).isWaitingAt(TASK_RESTRICT_STORE);
  }

  @Test
  void holdingTheRestrictionTwiceStartsOneHeldProcess() {
    var instance = startRestriction();
    execute(job("Task_ResolveSubject", instance));
    executeAll(TASK_RESTRICT_STORE);
    execute(job("Task_MarkRequestRestricted", instance));
    var hold = job(TASK_HOLD_RESTRICTION, instance);
    runtimeService().startProcessInstanceByKey(HELD_KEY, REFERENCE);

    execute(hold);

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

    execute(job(TASK_ANNOUNCE_LIFT));
    verify(restrictions).announceLift(REFERENCE, Duration.ofDays(7));
    assertThat(held).isWaitingAt(TIMER_LIFT_NOTICE_ENDS).variables().doesNotContainKey(LIFT_REASON);
    assertThat(job(TIMER_LIFT_NOTICE_ENDS).getDuedate()).isEqualTo(Date.from(LIFTS_AT));
    verify(restrictions, times(0)).markLifted(any());

    execute(job(TIMER_LIFT_NOTICE_ENDS));
    execute(job(TASK_UNRESTRICT_STORE + "#multiInstanceBody", held));
    assertThat(jobQuery().activityId(TASK_UNRESTRICT_STORE).count()).isEqualTo(2);
    executeAll(TASK_UNRESTRICT_STORE);
    execute(job(TASK_RECORD_LIFTED));

    assertThat(support.storeSteps).containsExactly("UNRESTRICT customer-accounts", "UNRESTRICT marketing");
    verify(restrictions).markLifted(REFERENCE);
    assertThat(held).hasPassed(TIMER_LIFT_NOTICE_ENDS, TASK_RECORD_LIFTED).isEnded();
  }

  private ProcessInstance startRestriction() {
    return runtimeService().startProcessInstanceByKey(KEY, REFERENCE, Map.of(
        "dueDate", Date.from(Instant.parse("2026-12-28T21:59:59Z")),
        "reminderDate", Date.from(Instant.parse("2026-12-23T21:59:59Z")),
        "requestType", "RESTRICTION"));
  }

  private static ProcessInstance held() {
    return runtimeService().createProcessInstanceQuery().processDefinitionKey(HELD_KEY)
        .processInstanceBusinessKey(REFERENCE).singleResult();
  }
}
