package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.ObjectionProcess.GROUNDS_TEXT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.request.ObjectionAnswers;
import org.springframework.stereotype.Component;

/** Sends the requester the DPO's compelling grounds with the right to complain; the text moves into the request. */
@Component
class SendCompellingGroundsDelegate implements JavaDelegate {

  private final ObjectionAnswers answers;

  SendCompellingGroundsDelegate(ObjectionAnswers answers) {
    this.answers = answers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    answers.sendCompellingGrounds(execution.getProcessBusinessKey(), (String) execution.getVariable(GROUNDS_TEXT));
    execution.removeVariable(GROUNDS_TEXT);
  }
}
