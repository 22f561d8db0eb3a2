package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.dsrpipeline.workflow.PackageProcess.*;
import static org.dsrpipeline.workflow.RightProcess.*;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.workflow.FormInputRefused;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every path through processes/rights/access.bpmn and processes/rights/portability.bpmn. */
@Deployment(resources = {
    "processes/rights/access.bpmn",
    "processes/rights/portability.bpmn",
    "processes/rights/resolve-subject.bpmn",
    "processes/rights/store-operation.bpmn"})
class PackageProcessTest extends RightProcessTestBase {

  private boolean packageBuilt = true;
  private boolean transmissionFails;
  private final List<String> formats = new ArrayList<>();

  @BeforeEach
  void registerPackageSteps() {
    Mocks.register("chooseStoresDelegate", (JavaDelegate) execution -> {
      calls.add("chooseStoresDelegate " + execution.getVariable(OPERATION) + " " + execution.getVariable("storeSelection"));
      execution.setVariable(STORES, "customer-accounts,crm,paper-archive");
    });
    Mocks.register("buildPackageDelegate", (JavaDelegate) execution -> {
      calls.add("buildPackageDelegate");
      formats.add((String) execution.getVariable(PACKAGE_FORMAT));
      execution.setVariable(PACKAGE_PATH, packagePath(execution.getProcessBusinessKey(),
          (String) execution.getVariable(PACKAGE_FORMAT)));
    });
    Mocks.register("recordPackageReviewedListener", (TaskListener) (DelegateTask task) -> {
      if (!packageBuilt) {
        throw new FormInputRefused(PACKAGE_APPROVED, "The package is not built yet");
      }
      calls.add("recordPackageReviewedListener");
    });
    Mocks.register("releasePackageDelegate", (JavaDelegate) execution -> {
      calls.add("releasePackageDelegate");
      formats.add((String) execution.getVariable(PACKAGE_FORMAT));
    });
    Mocks.register("transmitPackageDelegate", (JavaDelegate) execution -> {
      calls.add("transmitPackageDelegate");
      if (transmissionFails) {
        throw new IllegalStateException("the other controller answered HTTP 503");
      }
    });
  }

  @Test
  void everyStoreIsExportedInItsOwnStepThenTheDpoReviewsAndThePackageIsReleased() {
    var access = start(KEY_ACCESS, "ACCESS");
    runAsyncJobs();

    var review = task(TASK_REVIEW_ACCESS_PACKAGE);
    assertThat(review).hasCandidateGroup("dpo");
    assertThat(review.getDueDate()).isEqualTo(DUE);
    assertThat(review.getFollowUpDate()).isEqualTo(REMINDER);
    assertThat(taskService().getVariable(review.getId(), PACKAGE_PATH))
        .isEqualTo("/dpo/requests/" + REFERENCE + "/access-package");
    assertThat(calls).containsSubsequence("resolveSubjectDelegate", "chooseStoresDelegate EXPORT CONTROLLER")
        .contains("customer-accounts EXPORT 1", "crm EXPORT 1", "paper-archive EXPORT 1").endsWith("buildPackageDelegate");

    complete(review, withVariables(PACKAGE_APPROVED, true, OUTCOME_SUMMARY, "Two records were withheld."));
    runAsyncJobs();

    assertThat(access).hasPassed(CALL_EXPORT_STORES, TASK_BUILD_PACKAGE, TASK_RELEASE_PACKAGE, "EndEvent_AccessDone")
        .isEnded();
    assertThat(calls).endsWith("recordPackageReviewedListener", "releasePackageDelegate");
    assertThat(formats).containsOnly("ACCESS");
    assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(access.getId())
        .variableName(OUTCOME_SUMMARY).singleResult().getValue()).isEqualTo("Two records were withheld.");
  }

  @Test
  void aStoreThatKeepsFailingHoldsThePackageBackUntilItsIncidentIsRetried() {
    storeAnswers("crm", "FAILED");
    var access = start(KEY_ACCESS, "ACCESS");
    runAsyncJobs();

    var incident = runtimeService().createIncidentQuery().activityId(TASK_RUN_STORE_OPERATION).singleResult();
    assertThat(incident).isNotNull();
    assertThat(runtimeService().getVariable(incident.getProcessInstanceId(), STORE)).isEqualTo("crm");
    assertThat(access).isWaitingAt(CALL_EXPORT_STORES);
    assertThat(calls).doesNotContain("buildPackageDelegate");
    assertThat(taskQuery().taskDefinitionKey(TASK_REVIEW_ACCESS_PACKAGE).count()).isZero();

    storeAnswers("crm", "OK");
    managementService().setJobRetries(incident.getConfiguration(), 1);
    runAsyncJobs();

    assertThat(calls).endsWith("buildPackageDelegate");
    assertThat(task(TASK_REVIEW_ACCESS_PACKAGE)).isNotNull();
  }

  @Test
  void theReviewCannotBeCompletedWithoutTheApprovalOrBeforeThePackageIsBuilt() {
    var access = start(KEY_ACCESS, "ACCESS");
    runAsyncJobs();
    var review = task(TASK_REVIEW_ACCESS_PACKAGE);

    assertThatThrownBy(() -> complete(review, withVariables(PACKAGE_APPROVED, false)))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("must be ticked");
    assertThatThrownBy(() -> complete(review, withVariables(PACKAGE_APPROVED, true, OUTCOME_SUMMARY, "x".repeat(4001))))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("at most 4,000");
    packageBuilt = false;
    assertThatThrownBy(() -> complete(review, withVariables(PACKAGE_APPROVED, true)))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("not built");

    assertThat(calls).doesNotContain("releasePackageDelegate");
    assertThat(access).isWaitingAt(TASK_REVIEW_ACCESS_PACKAGE);
  }

  @Test
  void identitiesThatNeedTheDpoAreCheckedBeforeTheStoresAreExported() {
    resolutions.add(false);
    var access = start(KEY_ACCESS, "ACCESS");
    runAsyncJobs();

    var check = taskQuery().taskDefinitionKey(TASK_CHECK_SUBJECT_IDENTITIES).singleResult();
    assertThat(check).isNotNull();
    assertThat(calls).noneMatch(c -> c.contains("EXPORT"));
    complete(check, withVariables(IDENTITIES_DECISION, IDENTITIES_ACCEPT_AS_FOUND, IDENTITIES_NOTE, "CRM holds none"));
    runAsyncJobs();

    assertThat(access).isWaitingAt(TASK_REVIEW_ACCESS_PACKAGE);
  }

  @Test
  void aManualStoreWaitsForTheDposAnswerBeforeThePackageIsBuilt() {
    storeAnswers("paper-archive", "MANUAL_PENDING", "OK");
    var access = start(KEY_ACCESS, "ACCESS");
    runAsyncJobs();

    assertThat(access).isWaitingAt(CALL_EXPORT_STORES);
    assertThat(calls).doesNotContain("buildPackageDelegate");
    var waiting = runtimeService().createProcessInstanceQuery().processDefinitionKey(KEY_STORE_OPERATION)
        .singleResult();
    runtimeService().createMessageCorrelation(MESSAGE_MANUAL_ACTION_ANSWERED).processInstanceId(waiting.getId())
        .correlate();
    runAsyncJobs();

    assertThat(task(TASK_REVIEW_ACCESS_PACKAGE)).isNotNull();
  }

  @Test
  void portabilityRunsTheSameStepsWithItsOwnFormatAndReview() {
    var portability = start(KEY_PORTABILITY, "PORTABILITY");
    runAsyncJobs();

    var review = task(TASK_REVIEW_PORTABILITY_PACKAGE);
    assertThat(review).hasCandidateGroup("dpo");
    assertThat(taskService().getVariable(review.getId(), PACKAGE_PATH))
        .isEqualTo("/dpo/requests/" + REFERENCE + "/portability-package");
    complete(review, withVariables(PACKAGE_APPROVED, true));
    runAsyncJobs();

    assertThat(portability).hasPassed(TASK_BUILD_PACKAGE, TASK_RELEASE_PACKAGE, "EndEvent_PortabilityDone").isEnded()
        .hasNotPassed(TASK_TRANSMIT_PACKAGE);
    assertThat(formats).containsOnly("PORTABILITY");
    assertThat(calls).contains("customer-accounts EXPORT 1", "crm EXPORT 1", "paper-archive EXPORT 1");
  }

  @Test
  void anApprovedDestinationGetsThePackageAfterItIsReleased() {
    var portability = start(KEY_PORTABILITY, "PORTABILITY");
    runAsyncJobs();

    complete(task(TASK_REVIEW_PORTABILITY_PACKAGE), withVariables(PACKAGE_APPROVED, true, TRANSMIT_APPROVED, true));
    runAsyncJobs();

    assertThat(portability).hasPassed(TASK_RELEASE_PACKAGE, TASK_TRANSMIT_PACKAGE, "EndEvent_PackageTransmitted").isEnded();
    assertThat(calls).endsWith("releasePackageDelegate", "transmitPackageDelegate");
  }

  @Test
  void aDestinationThatKeepsFailingHasAnIncidentOnTheTransmissionUntilRetried() {
    transmissionFails = true;
    var portability = start(KEY_PORTABILITY, "PORTABILITY");
    runAsyncJobs();
    complete(task(TASK_REVIEW_PORTABILITY_PACKAGE), withVariables(PACKAGE_APPROVED, true, TRANSMIT_APPROVED, true));
    runAsyncJobs();

    var incident = runtimeService().createIncidentQuery().activityId(TASK_TRANSMIT_PACKAGE).singleResult();
    assertThat(incident).isNotNull();
    assertThat(portability).isWaitingAt(TASK_TRANSMIT_PACKAGE);

    transmissionFails = false;
    managementService().setJobRetries(incident.getConfiguration(), 1);
    runAsyncJobs();
    assertThat(portability).isEnded();
  }

  @Test
  void withoutTheDposApprovalNothingIsSentToAnotherController() {
    var portability = start(KEY_PORTABILITY, "PORTABILITY");
    runAsyncJobs();
    var review = task(TASK_REVIEW_PORTABILITY_PACKAGE);

    assertThatThrownBy(() -> complete(review, withVariables(PACKAGE_APPROVED, true, TRANSMIT_APPROVED, "yes")))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("must be true or false");
    complete(review, withVariables(PACKAGE_APPROVED, true, TRANSMIT_APPROVED, false));
    runAsyncJobs();

    assertThat(portability).hasPassed("EndEvent_PortabilityDone").hasNotPassed(TASK_TRANSMIT_PACKAGE).isEnded();
    assertThat(calls).doesNotContain("transmitPackageDelegate");
  }

  @Test
  void aPortabilityStoreThatKeepsFailingHoldsItsPackageBack() {
    storeAnswers("customer-accounts", "FAILED");
    var portability = start(KEY_PORTABILITY, "PORTABILITY");
    runAsyncJobs();

    assertThat(runtimeService().createIncidentQuery().activityId(TASK_RUN_STORE_OPERATION).count()).isEqualTo(1);
    assertThat(portability).isWaitingAt(CALL_EXPORT_STORES);
    assertThat(calls).doesNotContain("buildPackageDelegate");
  }

  private ProcessInstance start(String key, String type) {
    var variables = rightVariables();
    variables.put("requestType", type);
    return runtimeService().startProcessInstanceByKey(key, REFERENCE, variables);
  }

  private static Task task(String key) {
    return taskQuery().taskDefinitionKey(key).singleResult();
  }
}
