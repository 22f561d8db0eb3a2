package org.dsrpipeline.workflow;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Tells a request's deferred erasure that the DPO lifted a legal hold, so that it erases the store now rather than
 * at its next check. Harmless when the deferred erasure is not waiting: each pass looks at the holds again.
 */
@Component
public class DeferredErasureWakeUp {

  private final RuntimeService runtime;

  public DeferredErasureWakeUp(RuntimeService runtime) {
    this.runtime = runtime;
  }

  public void legalHoldLifted(String reference) {
    runtime.createMessageCorrelation(ErasureProcess.MESSAGE_LEGAL_HOLD_LIFTED).processInstanceBusinessKey(reference)
        .correlateAllWithResult();
  }
}
