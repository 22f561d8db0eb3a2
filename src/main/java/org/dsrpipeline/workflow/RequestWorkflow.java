package org.dsrpipeline.workflow;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.*;

import java.time.Instant;
import java.util.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dsrpipeline.deadline.Deadline;
import org.springframework.stereotype.Component;

/**
 * The application's only door into the engine for request flows. It hands the process references,
 * flags and dates: never a name, an email address or a phone number.
 */
@Component
public class RequestWorkflow {

  private final RuntimeService runtime;
  private final TaskService tasks;

  public RequestWorkflow(RuntimeService runtime, TaskService tasks) {
    this.runtime = runtime;
    this.tasks = tasks;
  }

  public record Start(String reference, String requestType, String rightProcessKey,
      boolean identityVerified, Instant verificationDeadline, Deadline deadline, String earlierRequests,
      String objectionScope) {
  }

  public ProcessInstance start(Start start) {
    var variables = new HashMap<String, Object>();
    variables.put(REQUEST_TYPE, start.requestType());
    variables.put(RIGHT_PROCESS_KEY, start.rightProcessKey());
    variables.put(IDENTITY_VERIFIED, start.identityVerified());
    variables.put(VERIFICATION_DEADLINE, Date.from(start.verificationDeadline()));
    variables.put(EARLIER_REQUESTS, start.earlierRequests());
    // set, even null, for every request: processes/who-reviews.dmn reads it
    variables.put(OBJECTION_SCOPE, start.objectionScope());
    if (start.deadline() != null) {
      variables.putAll(deadlineVariables(start.deadline()));
    }
    return runtime.startProcessInstanceByKey(KEY, start.reference(), variables);
  }

  /** False when the request no longer waits for its requester (closed meanwhile). */
  public boolean isAwaitingIdentity(String reference) {
    return runtime.createExecutionQuery()
        .processDefinitionKey(KEY)
        .processInstanceBusinessKey(reference)
        .messageEventSubscriptionName(MESSAGE_IDENTITY_CONFIRMED)
        .count() > 0;
  }

  /** True while any process of the request runs (a deferred erasure, a held restriction, a manual action). */
  public boolean isRunning(String reference) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count() > 0;
  }

  /** True while a step of the request (its own process or a sub-process of it) sits in an incident. */
  public boolean hasOpenIncident(String reference) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).withIncident().count() > 0;
  }

  /**
   * A failed step waiting for a person: the request, the step (activity id), the store when it is a store's step,
   * and since when. No message: a store's error may quote data.
   */
  public record FailedStep(String reference, String step, String store, String processInstanceId, Instant since) {
  }

  /** Every open incident of a request's processes, oldest first. */
  public List<FailedStep> failedSteps() {
    var failed = new ArrayList<FailedStep>();
    for (var incident : runtime.createIncidentQuery().orderByIncidentTimestamp().asc().list()) {
      var instance = runtime.createProcessInstanceQuery().processInstanceId(incident.getProcessInstanceId())
          .singleResult();
      if (instance == null || instance.getBusinessKey() == null) {
        continue;
      }
      var store = runtime.getVariable(instance.getId(), FailedSteps.STORE);
      failed.add(new FailedStep(instance.getBusinessKey(), incident.getActivityId(),
          store == null ? null : store.toString(), instance.getId(), incident.getIncidentTimestamp().toInstant()));
    }
    return failed;
  }

  /** The engine's open incidents, of every request (for the metrics). */
  public long openIncidents() {
    return runtime.createIncidentQuery().count();
  }

  public void confirmIdentity(String reference, Deadline deadline) {
    runtime.createMessageCorrelation(MESSAGE_IDENTITY_CONFIRMED)
        .processInstanceBusinessKey(reference)
        .setVariables(deadlineVariables(deadline))
        .correlate();
  }

  /**
   * Moves the legal deadline of a running request: the variables its timers read (in the request
   * and in the right's sub-process) and the due and follow-up dates of every open task (and the due date its form shows).
   */
  public void moveDeadline(String processInstanceId, String reference, Deadline deadline) {
    var variables = deadlineVariables(deadline);
    runtime.setVariables(processInstanceId, variables);
    runtime.createProcessInstanceQuery().superProcessInstanceId(processInstanceId).list()
        .forEach(child -> runtime.setVariables(child.getId(), variables));
    for (var task : tasks.createTaskQuery().processInstanceBusinessKey(reference).list()) {
      task.setDueDate(Date.from(deadline.dueAt()));
      task.setFollowUpDate(Date.from(deadline.reminderAt()));
      tasks.saveTask(task);
      tasks.setVariableLocal(task.getId(), TaskLabelsPlugin.DUE_ON, TaskLabelsPlugin.day(deadline.dueDate()));
    }
  }

  public static Map<String, Object> deadlineVariables(Deadline deadline) {
    return Map.of(DUE_DATE, Date.from(deadline.dueAt()), REMINDER_DATE, Date.from(deadline.reminderAt()));
  }
}
