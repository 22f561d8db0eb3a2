package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RightProcess.CONTROLLER_REQUEST;
import static org.dsrpipeline.workflow.RightProcess.MANUAL_ACTION_PENDING;
import static org.dsrpipeline.workflow.RightProcess.OPERATION;
import static org.dsrpipeline.workflow.RightProcess.PASS;
import static org.dsrpipeline.workflow.RightProcess.STORE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.delivery.StoreExports;
import org.dsrpipeline.rights.StoreWork;
import org.dsrpipeline.rights.controllers.ControllerRequests;
import org.dsrpipeline.rights.rectification.Rectifications;
import org.springframework.stereotype.Component;

/**
 * One operation on one store (its outcome recorded by {@link StoreWork} in a transaction of its own). A store
 * that failed is thrown, so the job retries and, after its last retry, raises an incident on this store's step
 * only; a manual store sets {@code manualActionPending} and the step waits for the DPO's answer. RECTIFY applies the
 * request's accepted corrections of that store ({@link Rectifications#apply}). With {@code controllerRequest} (a
 * store held as processor), the operation acts on the records of the controller customer who instructed it only.
 */
@Component
class RunStoreOperationDelegate implements JavaDelegate {

  private final StoreWork work;
  private final Rectifications rectifications;
  private final StoreExports exports;
  private final ControllerRequests controllers;

  RunStoreOperationDelegate(StoreWork work, Rectifications rectifications, StoreExports exports,
      ControllerRequests controllers) {
    this.work = work;
    this.rectifications = rectifications;
    this.exports = exports;
    this.controllers = controllers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var reference = execution.getProcessBusinessKey();
    var store = (String) execution.getVariable(STORE);
    var operation = Operation.valueOf((String) execution.getVariable(OPERATION));
    var pass = execution.getVariable(PASS) instanceof Number n ? n.intValue() : 1;
    // RECTIFY applies the accepted corrections; EXPORT streams the store's records into the request's package store
    var controller = execution.getVariable(CONTROLLER_REQUEST) instanceof Number n ? n.longValue() : null;
    var result = controller != null ? controllers.carryOut(controller, store)
        : operation == Operation.RECTIFY ? rectifications.apply(reference, store)
        : operation == Operation.EXPORT ? exports.export(reference, store)
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
