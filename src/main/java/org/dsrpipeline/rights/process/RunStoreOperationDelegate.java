package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RightProcess.MANUAL_ACTION_PENDING;
import static org.dsrpipeline.workflow.RightProcess.OPERATION;
import static org.dsrpipeline.workflow.RightProcess.PASS;
import static org.dsrpipeline.workflow.RightProcess.STORE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.delivery.StoreExports;
import org.dsrpipeline.rights.StoreWork;
import org.springframework.stereotype.Component;

/**
 * One operation on one store (its outcome recorded by {@link StoreWork} in a transaction of its own). A store
 * that failed is thrown, so the job retries and, after its last retry, raises an incident on this store's step
 * only; a manual store sets {@code manualActionPending} and the step waits for the DPO's answer.
 */
@Component
class RunStoreOperationDelegate implements JavaDelegate {

  private final StoreWork work;
  private final StoreExports exports;

  RunStoreOperationDelegate(StoreWork work, StoreExports exports) {
    this.work = work;
    this.exports = exports;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var reference = execution.getProcessBusinessKey();
    var store = (String) execution.getVariable(STORE);
    var operation = Operation.valueOf((String) execution.getVariable(OPERATION));
    var pass = execution.getVariable(PASS) instanceof Number n ? n.intValue() : 1;
    // EXPORT streams the store's records into the request's package store (delivery/StoreExports)
    var result = operation == Operation.EXPORT ? exports.export(reference, store)
        : work.run(reference, store, operation, pass);
    if (result.failed()) {
      throw new StoreOperationFailed("Request " + reference + ": " + operation + " in store " + store + " failed: "
          + result.outcome().error());
    }
    execution.setVariable(MANUAL_ACTION_PENDING, result.manualPending());
  }

  /** Thrown for the job's retry and incident; the message names the store and the connector's error, never data. */
  static class StoreOperationFailed extends RuntimeException {
    StoreOperationFailed(String message) {
      super(message);
    }
  }
}
