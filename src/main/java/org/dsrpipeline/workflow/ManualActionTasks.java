package org.dsrpipeline.workflow;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.DUE_DATE;
import static org.dsrpipeline.workflow.DataSubjectRequestProcess.REMINDER_DATE;

import java.util.HashMap;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.connector.manual.ManualAction;
import org.dsrpipeline.connector.manual.ManualActionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Puts every manual action in the DPO's Tasklist (processes/manual-action.bpmn) and closes the
 * task when the action is answered. The process holds the action's id, store and operation only:
 * the instructions name the subject, so they stay in table {@code dsr_manual_action} and the DPO
 * reads them on the action's page.
 */
@Component
@Order(1)
class ManualActionTasks implements ManualActionListener {

  static final String KEY = "Process_ManualAction";
  static final String TASK = "Task_CarryOutManualAction";
  static final String ACTION_ID = "manualActionId";
  private static final Logger log = LoggerFactory.getLogger(ManualActionTasks.class);

  private final RuntimeService runtime;
  private final TaskService tasks;

  ManualActionTasks(RuntimeService runtime, TaskService tasks) {
    this.runtime = runtime;
    this.tasks = tasks;
  }

  /** Answers the id of the task's process instance, which the action keeps: the task is found by it, never by a variable. */
  @Override
  public String opened(ManualAction action) {
    var variables = new HashMap<String, Object>();
    variables.put(ACTION_ID, action.id());
    variables.put("store", action.store());
    variables.put("operation", action.operation().name());
    variables.put("actionPath", "/dpo/manual-actions/" + action.id());
    var request = runtime.createProcessInstanceQuery().processDefinitionKey(DataSubjectRequestProcess.KEY)
        .processInstanceBusinessKey(action.reference()).active().list().stream().findFirst();
    request.ifPresent(instance -> {
      variables.put(DUE_DATE, runtime.getVariable(instance.getId(), DUE_DATE));
      variables.put(REMINDER_DATE, runtime.getVariable(instance.getId(), REMINDER_DATE));
    });
    var instance = runtime.startProcessInstanceByKey(KEY, action.reference(), variables);
    log.info("Request {}: manual action {} in store {} put in Tasklist", action.reference(), action.id(), action.store());
    return instance.getId();
  }

  /**
   * Closes the action's task in the caller's transaction (if it cannot be closed, the answer is not recorded
   * either), and lets the store's step that waits for the answer go on.
   */
  @Override
  public void answered(ManualAction action, String trackingId) {
    var query = tasks.createTaskQuery().processDefinitionKey(KEY).taskDefinitionKey(TASK);
    var open = trackingId != null ? query.processInstanceId(trackingId).list()
        : query.processInstanceBusinessKey(action.reference()).processVariableValueEquals(ACTION_ID, action.id()).list();
    open.forEach(task -> tasks.complete(task.getId()));
    // the store's step of a right (processes/rights/store-operation.bpmn) waiting for this answer runs again
    runtime.createMessageCorrelation(RightProcess.MESSAGE_MANUAL_ACTION_ANSWERED)
        .processInstanceBusinessKey(action.reference())
        .processInstanceVariableEquals(RightProcess.STORE, action.store())
        .processInstanceVariableEquals(RightProcess.OPERATION, action.operation().name())
        .correlateAllWithResult();
  }
}
