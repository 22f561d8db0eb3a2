package org.dsrpipeline.request.process;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.EXTENSION_REASON;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.request.ExtensionNotAllowedException;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Refuses an extension the law does not allow, or one without a reason, when the DPO completes the task. */
@Component
class ValidateExtensionListener implements TaskListener {

  private final RequestLifecycle lifecycle;

  ValidateExtensionListener(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    var reason = (String) task.getVariable(EXTENSION_REASON);
    if (reason == null || reason.isBlank()) {
      throw new ProcessEngineException("An extension needs a reason: the requester is told it (GDPR Art. 12(3)).");
    }
    try {
      lifecycle.checkExtensionAllowed(task.getExecution().getProcessBusinessKey());
    } catch (ExtensionNotAllowedException e) {
      throw new ProcessEngineException(e.getMessage(), e);
    }
  }
}
