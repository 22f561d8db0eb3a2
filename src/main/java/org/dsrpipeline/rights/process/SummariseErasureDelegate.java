package org.dsrpipeline.rights.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.erasure.ErasurePlans;
import org.dsrpipeline.workflow.ErasureProcess;
import org.springframework.stereotype.Component;

/** The answer's summary from the stores' outcomes (descriptions, counts, dates: nothing personal). */
@Component
class SummariseErasureDelegate implements JavaDelegate {

  private final ErasurePlans plans;

  SummariseErasureDelegate(ErasurePlans plans) {
    this.plans = plans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(ErasureProcess.OUTCOME_SUMMARY, plans.summary(execution.getProcessBusinessKey()));
  }
}
