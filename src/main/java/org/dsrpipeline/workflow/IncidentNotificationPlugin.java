package org.dsrpipeline.workflow;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.runtime.Incident;
import org.dsrpipeline.request.RequestIncidents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * When a job exhausts its retries, the engine creates an incident as always (Camunda's default
 * handler); once that has committed, {@link RequestIncidents} tells the DPO which request is stuck at
 * which step, and {@link FailedSteps} opens the DPO's task to retry it (closed again when the incident is resolved
 * elsewhere). Both are best effort: a failure there is logged and never undoes the incident.
 */
@Component
class IncidentNotificationPlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(IncidentNotificationPlugin.class);

  private final ObjectProvider<RequestIncidents> incidents;
  private final ObjectProvider<FailedSteps> failedSteps;

  IncidentNotificationPlugin(ObjectProvider<RequestIncidents> incidents, ObjectProvider<FailedSteps> failedSteps) {
    this.incidents = incidents;
    this.failedSteps = failedSteps;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<IncidentHandler>()
        : new ArrayList<>(configuration.getCustomIncidentHandlers());
    handlers.add(new NotifyingFailedJobHandler());
    configuration.setCustomIncidentHandlers(handlers);
  }

  private final class NotifyingFailedJobHandler implements IncidentHandler {

    private final DefaultIncidentHandler standard = new DefaultIncidentHandler(Incident.FAILED_JOB_HANDLER_TYPE);

    @Override
    public String getIncidentHandlerType() {
      return standard.getIncidentHandlerType();
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
      var incident = standard.handleIncident(context, message);
      try {
        afterCommit(context, incident);
      } catch (RuntimeException e) {
        log.error("Incident {}: the DPO cannot be told ({})", incident.getId(), e.toString());
      }
      return incident;
    }

    private void afterCommit(IncidentContext context, Incident incident) {
      if (context.getExecutionId() == null) {
        return; // not a process's job (e.g. history clean-up): no request to report
      }
      var commandContext = Context.getCommandContext();
      var execution = commandContext.getExecutionManager().findExecutionById(context.getExecutionId());
      if (execution == null || execution.getProcessBusinessKey() == null) {
        return;
      }
      var reference = execution.getProcessBusinessKey();
      var activity = context.getActivityId() == null ? null
          : execution.getProcessDefinition().findActivity(context.getActivityId());
      var name = activity == null ? null : activity.getName();
      var step = name == null ? String.valueOf(context.getActivityId()) : name + " (" + context.getActivityId() + ")";
      var incidentId = incident.getId();
      // the failed-step task's own failure is reported, but opens no task for itself
      var opensTask = !FailedSteps.KEY.equals(execution.getProcessDefinition().getKey());
      var store = execution.getVariable(FailedSteps.STORE);
      var dueDate = dueDateOf(execution);
      commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> {
        try {
          incidents.getObject().raised(reference, step, incidentId);
        } catch (RuntimeException e) {
          log.error("Request {}: incident {} at {} was raised, but the DPO cannot be told ({})", reference, incidentId,
              step, e.toString());
        }
        if (opensTask) {
          try {
            failedSteps.getObject().open(reference, incidentId, step, store == null ? null : store.toString(),
                dueDate);
          } catch (RuntimeException e) {
            log.error("Request {}: incident {} at {}: the DPO's task cannot be opened ({})", reference, incidentId,
                step, e.toString());
          }
        }
      });
    }

    @Override
    public void resolveIncident(IncidentContext context) {
      var gone = incidentIdsOf(context);
      standard.resolveIncident(context);
      closeTasksAfterCommit(gone);
    }

    @Override
    public void deleteIncident(IncidentContext context) {
      var gone = incidentIdsOf(context);
      standard.deleteIncident(context);
      closeTasksAfterCommit(gone);
    }

    /** The request's legal due date as the failed step's instance or, for a called one, a calling instance holds it. */
    private static Object dueDateOf(ExecutionEntity execution) {
      for (var scope = execution; scope != null; scope = scope.getProcessInstance().getSuperExecution()) {
        var due = scope.getVariable(FailedSteps.DUE_DATE);
        if (due != null) {
          return due;
        }
      }
      return null;
    }

    private List<String> incidentIdsOf(IncidentContext context) {
      return context.getConfiguration() == null ? List.of() : Context.getCommandContext().getIncidentManager()
          .findIncidentByConfiguration(context.getConfiguration()).stream().map(Incident::getId).toList();
    }

    /** The DPO's failed-step task of a resolved incident closes once the resolution committed. */
    private void closeTasksAfterCommit(List<String> incidentIds) {
      if (incidentIds.isEmpty()) {
        return;
      }
      Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
          committed -> incidentIds.forEach(id -> {
            try {
              failedSteps.getObject().resolved(id);
            } catch (RuntimeException e) {
              log.error("Incident {} was resolved, but its task cannot be closed ({})", id, e.toString());
            }
          }));
    }
  }
}
