package org.dsrpipeline.request.process;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.EXTENSION_REASON;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrpipeline.workflow.FormInputRefused;
import org.dsrpipeline.request.ExtensionNotAllowedException;
import org.dsrpipeline.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Refuses an extension the law does not allow (a second one, or after the first deadline) when the DPO completes the task. */
@Component
class ValidateExtensionListener implements TaskListener {

  private final RequestLifecycle lifecycle;

  ValidateExtensionListener(RequestLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    try {
      lifecycle.checkExtensionAllowed(task.getExecution().getProcessBusinessKey());
    } catch (ExtensionNotAllowedException e) {
      throw new FormInputRefused(EXTENSION_REASON, e.getMessage(), e);
    }
  }
}
