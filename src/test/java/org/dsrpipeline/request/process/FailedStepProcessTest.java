package org.dsrpipeline.request.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.workflow.FailedSteps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** processes/failed-step.bpmn: the DPO retries a failed step once its cause is fixed, or a retry elsewhere closes it. */
@Deployment(resources = {"processes/failed-step.bpmn", "processes/forms/retry-failed-step.form"})
class FailedStepProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-process-test.cfg.xml")
      .build();

  private final List<String> retried = new ArrayList<>();

  @BeforeEach
  void delegates() {
    init(engine.getProcessEngine());
    Mocks.register("dpoOnlyTaskListener", new DpoOnlyTaskListener());
    Mocks.register("checkFormInputListener", new CheckFormInputListener());
    Mocks.register("retryFailedStepDelegate",
        (JavaDelegate) execution -> retried.add((String) execution.getVariable(FailedSteps.INCIDENT_ID)));
  }

  @AfterEach
  void reset() {
    Mocks.reset();
  }

  @Test
  void theDpoTicksTheBoxAndTheStepIsRetriedOnce() {
    var instance = runtimeService().startProcessInstanceByKey(FailedSteps.KEY, "DSR-2026-000042",
        Map.of(FailedSteps.INCIDENT_ID, "incident-1", FailedSteps.STEP, "Run the store's step", FailedSteps.STORE, "crm"));
    assertThat(instance).isWaitingAt(FailedSteps.TASK_RETRY_FAILED_STEP);
    assertThat(task()).hasCandidateGroup("dpo");

    assertThatThrownBy(() -> complete(task(), withVariables("retryNow", false)))
        .hasMessageContaining("'I fixed the cause: retry the step now' must be ticked");
    org.assertj.core.api.Assertions.assertThat(retried).isEmpty();

    complete(task(), withVariables("retryNow", true));

    assertThat(instance).isEnded().hasPassed("Task_RetryStep", "EndEvent_StepRetried");
    org.assertj.core.api.Assertions.assertThat(retried).containsExactly("incident-1");
  }

  @Test
  void aRetryElsewhereClosesTheTaskWithoutRetryingAgain() {
    var instance = runtimeService().startProcessInstanceByKey(FailedSteps.KEY, "DSR-2026-000043",
        Map.of(FailedSteps.INCIDENT_ID, "incident-2", FailedSteps.STEP, "Carry out the right", FailedSteps.STORE, ""));

    runtimeService().createMessageCorrelation(FailedSteps.MESSAGE_RESOLVED)
        .processInstanceVariableEquals(FailedSteps.INCIDENT_ID, "incident-2").correlateAll();

    assertThat(instance).isEnded().hasPassed("EndEvent_ResolvedElsewhere").hasNotPassed("Task_RetryStep");
    org.assertj.core.api.Assertions.assertThat(retried).isEmpty();
  }
}
