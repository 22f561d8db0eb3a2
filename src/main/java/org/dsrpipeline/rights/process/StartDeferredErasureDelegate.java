package org.dsrpipeline.rights.process;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.workflow.ErasureProcess;
import org.dsrpipeline.workflow.RightProcess;
import org.springframework.stereotype.Component;

/**
 * Starts the request's deferred erasure (processes/rights/deferred-erasure.bpmn) as a process of its own, so
 * that the request is answered now while kept records wait for their retention to end. Once per request.
 */
@Component
class StartDeferredErasureDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    var runtime = execution.getProcessEngineServices().getRuntimeService();
    var reference = execution.getProcessBusinessKey();
    if (runtime.createProcessInstanceQuery().processDefinitionKey(ErasureProcess.KEY_DEFERRED)
        .processInstanceBusinessKey(reference).count() > 0) {
      return;
    }
    var pass = execution.getVariable(RightProcess.PASS) instanceof Number n ? n.intValue() : 1;
    runtime.startProcessInstanceByKey(ErasureProcess.KEY_DEFERRED, reference, Map.of(
        ErasureProcess.RETENTION_ENDS, execution.getVariable(ErasureProcess.RETENTION_ENDS),
        RightProcess.PASS, pass));
  }
}
