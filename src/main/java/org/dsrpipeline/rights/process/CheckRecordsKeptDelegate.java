package org.dsrpipeline.rights.process;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.rights.erasure.DeferredErasures;
import org.dsrpipeline.workflow.ErasureProcess;
import org.dsrpipeline.workflow.RightProcess;
import org.springframework.stereotype.Component;

/** After an erasure pass: {@code recordsKept}, and when the next kept record's retention ends ({@code retentionEnds}). */
@Component
class CheckRecordsKeptDelegate implements JavaDelegate {

  private final DeferredErasures deferred;

  CheckRecordsKeptDelegate(DeferredErasures deferred) {
    this.deferred = deferred;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var pass = execution.getVariable(RightProcess.PASS) instanceof Number n ? n.intValue() : 1;
    var next = deferred.nextRetentionEnd(execution.getProcessBusinessKey(), pass);
    execution.setVariable(ErasureProcess.RECORDS_KEPT, next.isPresent());
    next.ifPresent(at -> execution.setVariable(ErasureProcess.RETENTION_ENDS, Date.from(at)));
  }
}
