package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RestrictionProcess.HELD_KEY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Starts Process_RestrictionHeld for the request (business key = reference), which holds the restriction after
 * the request is answered, until the DPO lifts it. Once: a second run finds it started.
 */
@Component
class HoldRestrictionDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    var reference = execution.getProcessBusinessKey();
    var engine = execution.getProcessEngineServices();
    var started = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(HELD_KEY)
        .processInstanceBusinessKey(reference).count() > 0;
    if (!started) {
      engine.getRuntimeService().startProcessInstanceByKey(HELD_KEY, reference);
    }
  }
}
