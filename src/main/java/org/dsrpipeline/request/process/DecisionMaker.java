package org.dsrpipeline.request.process;

import static org.dsrpipeline.workflow.DataSubjectRequestProcess.DECIDED_BY;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Who took the DPO decision the process is acting on, as recorded by {@link RecordDecisionMakerListener}. */
final class DecisionMaker {

  private DecisionMaker() {
  }

  static String of(DelegateExecution execution) {
    var user = (String) execution.getVariable(DECIDED_BY);
    return user == null ? "unknown DPO user" : user;
  }
}
