package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.dsrpipeline.workflow.RectificationProcess.*;
import static org.dsrpipeline.workflow.RightProcess.*;

import java.util.ArrayDeque;
import java.util.Deque;
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

/** Every path through processes/rights/rectification.bpmn. */
@Deployment(resources = {
    "processes/rights/rectification.bpmn",
    "processes/rights/resolve-subject.bpmn",
    "processes/rights/store-operation.bpmn"})
class RectificationProcessTest extends RightProcessTestBase {

  private int correctionsToReview = 2;
  private String storesToCorrect = "customer-accounts,crm";
  /** Per completion attempt: how many corrections are still undecided on the page (default none). */
  private final Deque<Integer> undecided = new ArrayDeque<>();

  @BeforeEach
  void registerRectificationSteps() {
    Mocks.register("checkCorrectionsDelegate", (JavaDelegate) execution -> {
      calls.add("checkCorrectionsDelegate");
      execution.setVariable(CORRECTIONS_TO_REVIEW, correctionsToReview);
      execution.setVariable(CORRECTIONS_PATH, correctionsPath(execution.getProcessBusinessKey()));
    });
    Mocks.register("recordCorrectionsReviewedListener", (TaskListener) (DelegateTask task) -> {
      var left = undecided.isEmpty() ? 0 : undecided.poll();
      if (left > 0) {
        throw new FormInputRefused(CORRECTIONS_REVIEWED, "Decide every correction on the corrections page first");
      }
      calls.add("recordCorrectionsReviewedListener");
    });
    Mocks.register("chooseStoresToRectifyDelegate", (JavaDelegate) execution -> {
      calls.add("chooseStoresToRectifyDelegate");
      execution.setVariable(STORES, storesToCorrect);
    });
  }

  @Test
  void acceptedCorrectionsAreAppliedStoreByStoreAfterTheDposReview() {
    var rectification = start();
    runAsyncJobs();

    var review = reviewTask();
    assertThat(review).hasCandidateGroup("dpo");
    assertThat(review.getDueDate()).isEqualTo(DUE);
    assertThat(review.getFollowUpDate()).isEqualTo(REMINDER);
    assertThat(taskService().getVariable(review.getId(), CORRECTIONS_PATH))
        .isEqualTo("/dpo/requests/" + REFERENCE + "/corrections");
    assertThat(calls).containsExactly("resolveSubjectDelegate", "checkCorrectionsDelegate");

    complete(review, withVariables(CORRECTIONS_REVIEWED, true));
    runAsyncJobs();

    assertThat(rectification).hasPassed(TASK_CHOOSE_STORES, CALL_RECTIFY_STORES, TASK_NOTIFY_RECIPIENTS,
        END_RECTIFIED).isEnded();
    assertThat(calls).containsSubsequence("recordCorrectionsReviewedListener", "chooseStoresToRectifyDelegate")
        .contains("customer-accounts RECTIFY 1", "crm RECTIFY 1").endsWith("notifyRecipientsDelegate");
    assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(rectification.getId())
        .variableName("outcomeSummary").count()).as("the answer is built from the decisions and outcomes").isZero();
  }

  @Test
  void theReviewCannotBeCompletedWithoutTheTickNorWhileACorrectionIsUndecided() {
    start();
    runAsyncJobs();
    var review = reviewTask();

    assertThatThrownBy(() -> complete(review))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("must be ticked");
    assertThatThrownBy(() -> complete(review, withVariables(CORRECTIONS_REVIEWED, "yes")))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("must be true or false");
    undecided.add(1);
    assertThatThrownBy(() -> complete(review, withVariables(CORRECTIONS_REVIEWED, true)))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("Decide every correction");

    assertThat(reviewTask().getId()).isEqualTo(review.getId());
    assertThat(calls).doesNotContain("chooseStoresToRectifyDelegate").noneMatch(c -> c.contains("RECTIFY"));
  }

  @Test
  void withNothingTheStoresCanCorrectTheRequestIsAnsweredWithoutATask() {
    correctionsToReview = 0;
    var rectification = start();
    runAsyncJobs();

    assertThat(rectification).hasPassed(END_NOTHING_TO_CORRECT).isEnded().hasNotPassed(TASK_REVIEW_CORRECTIONS,
        TASK_NOTIFY_RECIPIENTS);
    assertThat(calls).containsExactly("resolveSubjectDelegate", "checkCorrectionsDelegate");
  }

  @Test
  void whenEveryCorrectionIsRejectedNoStoreIsTouched() {
    storesToCorrect = "";
    var rectification = start();
    runAsyncJobs();
    complete(reviewTask(), withVariables(CORRECTIONS_REVIEWED, true));
    runAsyncJobs();

    assertThat(rectification).hasPassed(CALL_RECTIFY_STORES + "#multiInstanceBody", END_RECTIFIED).isEnded();
    assertThat(calls).noneMatch(c -> c.contains("RECTIFY"));
  }

  @Test
  void aStoreThatKeepsFailingHasAnIncidentOnItsOwnStepAndIsCorrectedOnceRetried() {
    storeAnswers("crm", "FAILED");
    var rectification = start();
    runAsyncJobs();
    complete(reviewTask(), withVariables(CORRECTIONS_REVIEWED, true));
    runAsyncJobs();

    var incident = runtimeService().createIncidentQuery().activityId(TASK_RUN_STORE_OPERATION).singleResult();
    assertThat(incident).isNotNull();
    assertThat(runtimeService().getVariable(incident.getProcessInstanceId(), STORE)).isEqualTo("crm");
    assertThat(rectification).isWaitingAt(CALL_RECTIFY_STORES);
    assertThat(calls).containsOnlyOnce("customer-accounts RECTIFY 1");

    storeAnswers("crm", "OK");
    managementService().setJobRetries(incident.getConfiguration(), 1);
    runAsyncJobs();

    assertThat(rectification).hasPassed(END_RECTIFIED).isEnded();
    assertThat(calls).containsOnlyOnce("notifyRecipientsDelegate").endsWith("notifyRecipientsDelegate");
  }

  @Test
  void identitiesThatNeedTheDpoAreCheckedBeforeTheCorrections() {
    resolutions.add(false);
    var rectification = start();
    runAsyncJobs();

    var check = taskQuery().taskDefinitionKey(TASK_CHECK_SUBJECT_IDENTITIES).singleResult();
    assertThat(check).isNotNull();
    assertThat(calls).doesNotContain("checkCorrectionsDelegate");
    complete(check, withVariables(IDENTITIES_DECISION, IDENTITIES_ACCEPT_AS_FOUND, IDENTITIES_NOTE, "as found"));
    runAsyncJobs();

    assertThat(rectification).isWaitingAt(TASK_REVIEW_CORRECTIONS);
  }

  private ProcessInstance start() {
    var variables = rightVariables();
    variables.put("requestType", "RECTIFICATION");
    return runtimeService().startProcessInstanceByKey(KEY, REFERENCE, variables);
  }

  private Task reviewTask() {
    return taskQuery().taskDefinitionKey(TASK_REVIEW_CORRECTIONS).singleResult();
  }
}
