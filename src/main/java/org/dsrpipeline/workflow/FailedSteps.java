package org.dsrpipeline.workflow;

import java.util.HashMap;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The DPO's task for a failed step (processes/failed-step.bpmn): one per incident of a request's step, in the
 * Tasklist filter "Failed stores". Completing it retries the step once; a retry made elsewhere closes it.
 */
@Component
public class FailedSteps {

  public static final String KEY = "Process_FailedStep";
  public static final String TASK_RETRY_FAILED_STEP = "Task_RetryFailedStep";
  public static final String MESSAGE_RESOLVED = "FailedStepResolved";
  public static final String INCIDENT_ID = "incidentId";
  public static final String STEP = "step";
  public static final String STORE = "store";
  public static final String DUE_DATE = DataSubjectRequestProcess.DUE_DATE;

  private final RuntimeService runtime;
  private final ManagementService management;

  FailedSteps(RuntimeService runtime, ManagementService management) {
    this.runtime = runtime;
    this.management = management;
  }

  /**
   * Opens the task for an incident of the request's step, once per incident. {@code store}: null for other steps;
   * {@code dueDate}: the request's legal due date as the failed step knew it (the task's due date), or null.
   */
  void open(String reference, String incidentId, String step, String store, Object dueDate) {
    if (runtime.createProcessInstanceQuery().processDefinitionKey(KEY).variableValueEquals(INCIDENT_ID, incidentId)
        .count() > 0) {
      return;
    }
    var variables = new HashMap<String, Object>();
    variables.put(INCIDENT_ID, incidentId);
    variables.put(STEP, step);
    variables.put(STORE, store == null ? "" : store);
    variables.put(DUE_DATE, dueDate instanceof java.util.Date ? dueDate : null);
    runtime.startProcessInstanceByKey(KEY, reference, variables);
  }

  /** The incident is gone (retried in Cockpit, or its instance ended): its task closes. */
  void resolved(String incidentId) {
    runtime.createMessageCorrelation(MESSAGE_RESOLVED).processInstanceVariableEquals(INCIDENT_ID, incidentId)
        .correlateAll();
  }

  /** The DPO fixed the cause: the failed job gets one more try. Nothing happens when it was resolved meanwhile. */
  public void retry(String incidentId) {
    var incident = runtime.createIncidentQuery().incidentId(incidentId).singleResult();
    if (incident != null && incident.getConfiguration() != null) {
      management.setJobRetries(incident.getConfiguration(), 1);
    }
  }
}
