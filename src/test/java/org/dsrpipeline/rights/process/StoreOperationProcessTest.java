package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.dsrpipeline.workflow.RightProcess.*;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

/** Every path through processes/rights/store-operation.bpmn: one store's step of a right. */
@Deployment(resources = "processes/rights/store-operation.bpmn")
class StoreOperationProcessTest extends RightProcessTestBase {

  @Test
  void aStoreThatAnswersIsDoneInOneAsynchronousStep() {
    var step = start("crm");
    assertThat(step).isWaitingAt(TASK_RUN_STORE_OPERATION);

    runAsyncJobs();

    assertThat(step).hasPassed("EndEvent_StoreOperationDone").isEnded();
    assertThat(calls).containsExactly("crm ERASE 1");
  }

  @Test
  void aStoreThatKeepsFailingRaisesAnIncidentOnItsStepAndFinishesOnceRetried() {
    storeAnswers("crm", "FAILED");
    var step = start("crm");

    var incident = runUntilIncident(TASK_RUN_STORE_OPERATION);
    assertThat(incident).isNotNull();
    assertThat(incident.getProcessInstanceId()).isEqualTo(step.getId());
    assertThat(incident.getIncidentMessage()).contains("store crm is down");
    assertThat(calls).hasSize(3).containsOnly("crm ERASE 1");

    storeAnswers("crm", "OK");
    var job = managementService().createJobQuery().processInstanceId(step.getId()).singleResult();
    managementService().setJobRetries(job.getId(), 1);
    runAsyncJobs();

    assertThat(step).isEnded();
    assertThat(runtimeService().createIncidentQuery().count()).isZero();
  }

  @Test
  void aManualStoreWaitsForTheDposAnswerThenRunsAgain() {
    storeAnswers("paper-archive", "MANUAL_PENDING", "OK");
    var step = start("paper-archive");
    start("crm");
    runAsyncJobs();
    assertThat(step).isWaitingAt("Gateway_AwaitManualAnswer");

    var correlated = runtimeService().createMessageCorrelation(MESSAGE_MANUAL_ACTION_ANSWERED)
        .processInstanceBusinessKey(REFERENCE).processInstanceVariableEquals(STORE, "paper-archive")
        .processInstanceVariableEquals(OPERATION, "ERASE").correlateAllWithResult();
    assertThat(correlated).hasSize(1);
    runAsyncJobs();

    assertThat(step).hasPassed(EVENT_MANUAL_ACTION_ANSWERED).isEnded();
    assertThat(calls).containsExactly("paper-archive ERASE 1", "crm ERASE 1", "paper-archive ERASE 1");
  }

  @Test
  void aManualStoreIsCheckedAgainADayLaterWhenNoAnswerArrived() {
    storeAnswers("paper-archive", "MANUAL_PENDING", "OK");
    var step = start("paper-archive");
    runAsyncJobs();

    fireTimer(TIMER_CHECK_MANUAL_ACTION);
    runAsyncJobs();

    assertThat(step).hasPassed(TIMER_CHECK_MANUAL_ACTION).isEnded();
    assertThat(calls).containsExactly("paper-archive ERASE 1", "paper-archive ERASE 1");
  }

  private ProcessInstance start(String store) {
    return runtimeService().startProcessInstanceByKey(KEY_STORE_OPERATION, REFERENCE,
        Map.of(STORE, store, OPERATION, "ERASE", PASS, 1));
  }
}
