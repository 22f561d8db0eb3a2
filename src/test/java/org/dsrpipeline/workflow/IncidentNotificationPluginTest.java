package org.dsrpipeline.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.dsrpipeline.request.RequestIncidents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

/** The plugin keeps Camunda's incident as it is and tells the application, whose failure changes nothing. */
class IncidentNotificationPluginTest {

  private final RequestIncidents incidents = mock(RequestIncidents.class);
  private final FailedSteps failedSteps = mock(FailedSteps.class);
  private ProcessEngine engine;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void startEngine() {
    ObjectProvider<RequestIncidents> provider = mock(ObjectProvider.class);
    when(provider.getObject()).thenReturn(incidents);
    ObjectProvider<FailedSteps> steps = mock(ObjectProvider.class);
    when(steps.getObject()).thenReturn(failedSteps);
    var name = "incident-plugin-" + UUID.randomUUID();
    // A name of its own: an engine named "default" would replace, and on close unregister, the one the
    // Spring tests of the same JVM serve through the engine REST API.
    var configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName(name)
        .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
        .setJobExecutorActivate(false);
    configuration.getProcessEnginePlugins().add(new IncidentNotificationPlugin(provider, steps));
    engine = configuration.buildProcessEngine();
    engine.getRepositoryService().createDeployment().addModelInstance("failing.bpmn",
        Bpmn.createExecutableProcess("Process_Failing").camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_SendAnswer").name("Send the answer").camundaAsyncBefore()
            .camundaExpression("${noSuchBean.send()}")
            .endEvent().done()).deploy();
  }

  @AfterEach
  void stopEngine() {
    engine.close();
  }

  @Test
  void theIncidentIsCreatedAndReportedWithReferenceAndStepEvenWhenReportingFails() {
    doThrow(new IllegalStateException("the outbox cannot be written")).when(incidents).raised(any(), any(), any());
    var instance = engine.getRuntimeService().startProcessInstanceByKey("Process_Failing", "DSR-2026-000777");

    failForGood(instance.getId());

    var incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getIncidentType()).isEqualTo("failedJob");
    assertThat(incident.getActivityId()).isEqualTo("Task_SendAnswer");
    verify(incidents).raised("DSR-2026-000777", "Send the answer (Task_SendAnswer)", incident.getId());
    verify(failedSteps).open("DSR-2026-000777", incident.getId(), "Send the answer (Task_SendAnswer)", null, null);
  }

  @Test
  void aRetryResolvesTheIncidentAndClosesItsTaskEvenWhenOpeningTheTaskFailed() {
    doThrow(new IllegalStateException("no such process")).when(failedSteps).open(any(), any(), any(), any(), any());
    var instance = engine.getRuntimeService().startProcessInstanceByKey("Process_Failing", "DSR-2026-000778");
    failForGood(instance.getId());
    var incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident).as("the incident stays though its task could not be opened").isNotNull();

    engine.getManagementService().setJobRetries(incident.getConfiguration(), 1);

    verify(failedSteps).resolved(incident.getId());
  }

  @Test
  void aProcessWithoutABusinessKeyIsNoRequestsAndIsNotReported() {
    var instance = engine.getRuntimeService().startProcessInstanceByKey("Process_Failing");

    failForGood(instance.getId());

    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
    verify(incidents, never()).raised(any(), any(), any());
  }

  private void failForGood(String processInstanceId) {
    var management = engine.getManagementService();
    var job = management.createJobQuery().processInstanceId(processInstanceId).singleResult();
    management.setJobRetries(job.getId(), 1);
    assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("noSuchBean");
  }
}
