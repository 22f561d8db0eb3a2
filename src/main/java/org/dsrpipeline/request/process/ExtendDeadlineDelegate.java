package org.dsrpipeline.request.process;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.EXTENSION_REASON;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.request.RequestLifecycle;
import org.dsrpipeline.workflow.RequestWorkflow;
import org.springframework.stereotype.Component;

/** Extends the deadline once, tells the requester, and moves the timers' and tasks' dates. */
@Component
class ExtendDeadlineDelegate implements JavaDelegate {

  private final RequestLifecycle lifecycle;
  private final RequestWorkflow workflow;

  ExtendDeadlineDelegate(RequestLifecycle lifecycle, RequestWorkflow workflow) {
    this.lifecycle = lifecycle;
    this.workflow = workflow;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var reference = execution.getProcessBusinessKey();
    var reason = (String) execution.getVariable(EXTENSION_REASON);
    var deadline = lifecycle.extend(reference, reason);
    workflow.moveDeadline(execution.getProcessInstanceId(), reference, deadline);
    execution.removeVariable(EXTENSION_REASON);
  }
}
