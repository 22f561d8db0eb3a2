package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.dsrpipeline.workflow.ObjectionProcess.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.request.ObjectionAnswers;
import org.dsrpipeline.rights.OperationScopes;
import org.dsrpipeline.rights.objection.ConsentWithdrawal;
import org.dsrpipeline.support.DemoMaps;
import org.dsrpipeline.workflow.RightProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every path through processes/rights/objection.bpmn, by objection scope. */
@Deployment(resources = {
    "processes/rights/objection.bpmn",
    "processes/rights/consent-withdrawal.dmn",
    "processes/rights/resolve-subject.bpmn",
    "processes/rights/store-operation.bpmn"})
class ObjectionProcessTest extends RightProcessTestBase {

  private final ObjectionAnswers answers = mock(ObjectionAnswers.class);
  private final OperationScopes scopes = mock(OperationScopes.class);

  @BeforeEach
  void registerObjectionSteps() {
    Mocks.register("chooseStoresDelegate", (JavaDelegate) execution -> {
      var selection = (String) execution.getVariable(ChooseStoresDelegate.STORE_SELECTION);
      calls.add("choose " + execution.getVariable(RightProcess.OPERATION) + " " + selection);
      execution.setVariable(RightProcess.STORES, "CONTROLLER".equals(selection) ? "marketing,crm" : "helpdesk,crm");
    });
    Mocks.register("recordObjectionWeighingListener", new RecordObjectionWeighingListener(answers));
    Mocks.register("sendCompellingGroundsDelegate", new SendCompellingGroundsDelegate(answers));
    Mocks.register("planConsentWithdrawalDelegate", new PlanConsentWithdrawalDelegate(new ConsentWithdrawal(
        DemoMaps.demo("http://localhost:1", new String[] {"jdbc:h2:mem:unused", "sa", ""})), answers, scopes));
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
  void anObjectionWithoutScopeIsToDirectMarketingAndSuppressedInEveryMarketingStoreAtOnce() {
    var objection = startObjection(null);

    runAsyncJobs();

    assertThat(objection).hasPassed(CALL_SUPPRESS_MARKETING, RightProcess.TASK_NOTIFY_RECIPIENTS)
        .hasNotPassed(TASK_WEIGH_OBJECTION).isEnded();
    assertThat(calls).containsExactly("resolveSubjectDelegate", "choose SUPPRESS_MARKETING CONTROLLER",
        "marketing SUPPRESS_MARKETING 1", "crm SUPPRESS_MARKETING 1", "notifyRecipientsDelegate");
  }

  @Test
  void anObjectionToDirectMarketingIsSuppressedWithoutBalancing() {
    var objection = startObjection(SCOPE_MARKETING);

    runAsyncJobs();

    assertThat(objection).hasPassed(CALL_SUPPRESS_MARKETING).isEnded();
    assertThat(calls).contains("marketing SUPPRESS_MARKETING 1", "crm SUPPRESS_MARKETING 1");
    verify(answers, never()).recordWeighing(any(), anyBoolean(), any(), any());
  }

  @Test
  void compellingGroundsAreRecordedAndSentToTheRequesterAndNothingIsRestricted() {
    var objection = startObjection(SCOPE_PROCESSING);
    runAsyncJobs();
    var weigh = task(TASK_WEIGH_OBJECTION, objection);
    assertThat(weigh).hasCandidateGroup("dpo");
    assertThat(weigh.getDueDate()).isEqualTo(DUE);
    assertThat(weigh.getFollowUpDate()).isEqualTo(REMINDER);
    identityService().setAuthenticatedUserId("eleni");

    assertThatThrownBy(() -> taskService().complete(weigh.getId(), Map.of(COMPELLING_GROUNDS, true)))
        .hasMessageContaining("is required");
    taskService().complete(weigh.getId(), Map.of(COMPELLING_GROUNDS, true, GROUNDS_TEXT, "Fraud prevention"));
    identityService().clearAuthentication();
    runAsyncJobs();

    verify(answers).recordWeighing(REFERENCE, true, "Fraud prevention", "eleni");
    verify(answers).sendCompellingGrounds(REFERENCE, "Fraud prevention");
    assertThat(objection).hasPassed(TASK_SEND_COMPELLING_GROUNDS).hasNotPassed(CALL_RESTRICT_LEGITIMATE_INTERESTS)
        .isEnded();
    assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(objection.getId())
        .variableName(GROUNDS_TEXT).includeDeleted().singleResult().getState()).isEqualTo("DELETED");
    assertThat(calls).containsExactly("resolveSubjectDelegate", "notifyRecipientsDelegate");
  }

  @Test
  void withoutCompellingGroundsTheLegitimateInterestStoresAreRestricted() {
    var objection = startObjection(SCOPE_PROCESSING);
    runAsyncJobs();

    complete(task(TASK_WEIGH_OBJECTION, objection), withVariables(COMPELLING_GROUNDS, false));
    runAsyncJobs();

    assertThat(objection).hasPassed(CALL_RESTRICT_LEGITIMATE_INTERESTS).hasNotPassed(TASK_SEND_COMPELLING_GROUNDS)
        .isEnded();
    assertThat(calls).containsExactly("resolveSubjectDelegate", "choose RESTRICT LEGITIMATE_INTERESTS",
        "helpdesk RESTRICT 1", "crm RESTRICT 1", "notifyRecipientsDelegate");
  }

  @Test
  void theBalancingIsATickedBoxOrNotAndTheGroundsFitTheForm() {
    var objection = startObjection(SCOPE_PROCESSING);
    runAsyncJobs();
    var weigh = task(TASK_WEIGH_OBJECTION, objection);

    assertThatThrownBy(() -> taskService().complete(weigh.getId(), Map.of(COMPELLING_GROUNDS, "yes")))
        .hasMessageContaining("must be true or false");
    assertThatThrownBy(() -> taskService().complete(weigh.getId(), Map.of(COMPELLING_GROUNDS, true,
        GROUNDS_TEXT, "x".repeat(2001)))).hasMessageContaining("at most 2,000 characters");
    assertThat(objection).isWaitingAt(TASK_WEIGH_OBJECTION);
  }

  @Test
  void aWithdrawnConsentSuppressesMarketingAndRestrictsTheConsentCollectionsAsTheDecisionSays() {
    var objection = startObjection(SCOPE_CONSENT);

    runAsyncJobs();

    assertThat(objection).hasPassed(CALL_SUPPRESS_MARKETING_ON_WITHDRAWAL, TASK_PLAN_CONSENT_WITHDRAWAL,
        CALL_RESTRICT_CONSENT_DATA, CALL_ERASE_CONSENT_DATA + "#multiInstanceBody").isEnded();
    assertThat(calls).containsExactly("resolveSubjectDelegate", "choose SUPPRESS_MARKETING CONTROLLER",
        "marketing SUPPRESS_MARKETING 1", "crm SUPPRESS_MARKETING 1", "marketing RESTRICT 1", "web-tracking RESTRICT 1", "notifyRecipientsDelegate");
    verify(answers).recordConsentWithdrawalPlan(eq(REFERENCE), contains("marketing.newsletter_subscription RESTRICT"));
    verify(scopes).limit(eq(REFERENCE), eq(Operation.RESTRICT), argThat(byStore -> byStore.keySet()
        .equals(Set.of("marketing", "web-tracking"))));
  }

  @Test
  void anUnknownScopeFailsLoudlyInsteadOfGuessing() {
    var objection = startObjection("EVERYTHING");

    runAsyncJobs();

    assertThat(runtimeService().createIncidentQuery().processInstanceId(objection.getId()).count()).isEqualTo(1);
    assertThat(calls).containsOnly("resolveSubjectDelegate");
  }

  private ProcessInstance startObjection(String scope) {
    var variables = rightVariables();
    variables.put("requestType", "OBJECTION");
    if (scope != null) {
      variables.put(OBJECTION_SCOPE, scope);
    }
    return runtimeService().startProcessInstanceByKey(KEY, REFERENCE, variables);
  }
}
