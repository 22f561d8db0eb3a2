package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.dsrpipeline.workflow.ObjectionProcess.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.request.ObjectionAnswers;
import org.dsrpipeline.rights.objection.ConsentWithdrawal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path through processes/rights/objection.bpmn, by objection scope. */
@Deployment(resources = {"processes/rights/objection.bpmn", "processes/rights/consent-withdrawal.dmn"})
class ObjectionProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-process-test.cfg.xml")
      .build();

  private static final String REFERENCE = "DSR-2026-000021";
  private static final Date DUE = Date.from(Instant.parse("2026-12-28T21:59:59Z"));

  private final RightsProcessTestSupport support = new RightsProcessTestSupport();
  private final ObjectionAnswers answers = mock(ObjectionAnswers.class);

  @BeforeEach
  void registerDelegates() {
    init(engine.getProcessEngine());
    support.register();
    Mocks.register("recordObjectionWeighingListener", new RecordObjectionWeighingListener(answers));
    Mocks.register("sendCompellingGroundsDelegate", new SendCompellingGroundsDelegate(answers));
    Mocks.register("planConsentWithdrawalDelegate", new PlanConsentWithdrawalDelegate(
        new ConsentWithdrawal(RightsProcessTestSupport.demoMap()), answers));
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
  void anObjectionWithoutScopeIsToDirectMarketingAndSuppressedInEveryMarketingStoreAtOnce() {
    var instance = startObjection(null);

    runJobs(instance);

    assertThat(instance).hasPassed(TASK_SUPPRESS_MARKETING).hasNotPassed(TASK_WEIGH_OBJECTION).isEnded();
    assertThat(support.storeSteps).containsExactly("RESOLVE", "SUPPRESS_MARKETING marketing", "SUPPRESS_MARKETING crm");
  }

  @Test
  void anObjectionToDirectMarketingIsSuppressedWithoutBalancing() {
    var instance = startObjection(SCOPE_MARKETING);

    runJobs(instance);

    assertThat(instance).hasPassed(TASK_SUPPRESS_MARKETING).isEnded();
    assertThat(support.storeSteps).containsExactly("RESOLVE", "SUPPRESS_MARKETING marketing", "SUPPRESS_MARKETING crm");
    verify(answers, never()).recordWeighing(any(), anyBoolean(), any(), any());
  }

  @Test
  void compellingGroundsAreRecordedAndSentToTheRequesterAndNothingIsRestricted() {
    var instance = startObjection(SCOPE_PROCESSING);
    runJobs(instance);
    var weigh = task(TASK_WEIGH_OBJECTION, instance);
    assertThat(weigh).hasCandidateGroup("dpo");
    assertThat(weigh.getDueDate()).isEqualTo(DUE);
    identityService().setAuthenticatedUserId("eleni");

    assertThatThrownBy(() -> taskService().complete(weigh.getId(), Map.of(COMPELLING_GROUNDS, true)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("is required");
    taskService().complete(weigh.getId(), Map.of(COMPELLING_GROUNDS, true, GROUNDS_TEXT, "Fraud prevention"));
    identityService().clearAuthentication();
    runJobs(instance);

    verify(answers).recordWeighing(REFERENCE, true, "Fraud prevention", "eleni");
    verify(answers).sendCompellingGrounds(REFERENCE, "Fraud prevention");
    assertThat(instance).hasPassed(TASK_SEND_COMPELLING_GROUNDS).hasNotPassed(TASK_RESTRICT_LEGITIMATE_INTERESTS)
        .isEnded();
    assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(GROUNDS_TEXT).includeDeleted().singleResult().getState()).isEqualTo("DELETED");
    assertThat(support.storeSteps).containsExactly("RESOLVE");
  }

  @Test
  void withoutCompellingGroundsTheLegitimateInterestStoresAreRestricted() {
    var instance = startObjection(SCOPE_PROCESSING);
    runJobs(instance);

    complete(task(TASK_WEIGH_OBJECTION, instance), withVariables(COMPELLING_GROUNDS, false));
    runJobs(instance);

    assertThat(instance).hasPassed(TASK_RESTRICT_LEGITIMATE_INTERESTS).hasNotPassed(TASK_SEND_COMPELLING_GROUNDS)
        .isEnded();
    assertThat(support.storeSteps).containsExactly("RESOLVE", "RESTRICT helpdesk", "RESTRICT crm");
  }

  @Test
  void theBalancingMustBeAYesOrNo() {
    var instance = startObjection(SCOPE_PROCESSING);
    runJobs(instance);
    var weigh = task(TASK_WEIGH_OBJECTION, instance);

    assertThatThrownBy(() -> taskService().complete(weigh.getId()))
        .hasMessageContaining("'Compelling legitimate grounds override the objection' is required");
    assertThatThrownBy(() -> taskService().complete(weigh.getId(), Map.of(COMPELLING_GROUNDS, "true")))
        .hasMessageContaining("must be true or false");
    assertThatThrownBy(() -> taskService().complete(weigh.getId(), Map.of(COMPELLING_GROUNDS, true,
        GROUNDS_TEXT, "x".repeat(2001)))).hasMessageContaining("at most 2,000 characters");
    assertThat(instance).isWaitingAt(TASK_WEIGH_OBJECTION);
  }

  @Test
  void aWithdrawnConsentSuppressesMarketingAndRestrictsTheConsentCollectionsAsTheDecisionSays() {
    var instance = startObjection(SCOPE_CONSENT);

    runJobs(instance);

    assertThat(instance).hasPassed(TASK_SUPPRESS_MARKETING_ON_WITHDRAWAL, TASK_PLAN_CONSENT_WITHDRAWAL,
        TASK_RESTRICT_CONSENT_DATA, TASK_ERASE_CONSENT_DATA + "#multiInstanceBody").isEnded();
    assertThat(support.storeSteps).containsExactly("RESOLVE", "SUPPRESS_MARKETING marketing",
        "SUPPRESS_MARKETING crm", "RESTRICT marketing", "RESTRICT web-tracking");
    verify(answers).recordConsentWithdrawalPlan(org.mockito.ArgumentMatchers.eq(REFERENCE),
        contains("marketing.newsletter_subscription RESTRICT"));
  }

  @Test
  void anUnknownScopeFailsLoudlyInsteadOfGuessing() {
    var instance = startObjection("EVERYTHING");

    assertThatThrownBy(() -> runJobs(instance)).isInstanceOf(ProcessEngineException.class);
    assertThat(support.storeSteps).containsExactly("RESOLVE");
  }

  private ProcessInstance startObjection(String scope) {
    var variables = new HashMap<String, Object>(Map.of("dueDate", DUE,
        "reminderDate", Date.from(Instant.parse("2026-12-23T21:59:59Z")), "requestType", "OBJECTION"));
    if (scope != null) {
      variables.put(OBJECTION_SCOPE, scope);
    }
    return runtimeService().startProcessInstanceByKey(KEY, REFERENCE, variables);
  }

  /** Runs the instance's jobs, in order, until it waits for a person or ends. */
  private static void runJobs(ProcessInstance instance) {
    for (var jobs = jobQuery().processInstanceId(instance.getId()).executable().list(); !jobs.isEmpty();
        jobs = jobQuery().processInstanceId(instance.getId()).executable().list()) {
      jobs.forEach(job -> managementService().executeJob(job.getId()));
    }
  }
}
