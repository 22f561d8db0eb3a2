package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RightProcess.RECIPIENTS_TOLD;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.recipients.RecipientNotices;
import org.springframework.stereotype.Component;

/** Art. 19: the recipients of every store the request changed are told (or recorded why not); writes the count. */
@Component
class NotifyRecipientsDelegate implements JavaDelegate {

  private final RecipientNotices notices;

  NotifyRecipientsDelegate(RecipientNotices notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notices.notifyRecipients(execution.getProcessBusinessKey());
    execution.setVariable(RECIPIENTS_TOLD, notices.of(execution.getProcessBusinessKey()).size());
  }
}
