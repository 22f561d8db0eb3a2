package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.workflow.FormInputRefused;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * Refuses a completion whose variables break a rule of the task's Camunda Form (required, allowed
 * values, length), as Tasklist would. The engine REST API answers such a refusal with 400 and the message.
 */
@Component
class CheckFormInputListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    var formId = ((UserTask) task.getBpmnModelElementInstance()).getCamundaFormRef();
    if (!FormRules.knows(formId)) {
      throw new ProcessEngineException("Task " + task.getTaskDefinitionKey() + " uses form " + formId
          + ", which has no server-side rules in FormRules");
    }
    for (var field : FormRules.of(formId)) {
      var other = field.requiredWhenKey() == null ? null : task.getVariable(field.requiredWhenKey());
      FormRules.problem(field, task.getVariable(field.key()), other).ifPresent(problem -> {
        throw new FormInputRefused(field.key(), problem);
      });
    }
  }
}
