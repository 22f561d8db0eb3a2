package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.RestrictionProcess.STORE;
import static org.dsrpipeline.workflow.RestrictionProcess.STORE_OPERATION;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.rights.StoreWork;
import org.springframework.stereotype.Component;

/**
 * One store's step of a right (one multi-instance element per store): runs {@code storeOperation} on
 * {@code store} through {@link StoreWork}, which records the outcome and makes a second run "already done". A
 * store that failed fails the job, so that it retries and then raises an incident on this store's step only.
 * Interim: to be replaced by the shared per-store step.
 */
@Component
class ActOnStoreDelegate implements JavaDelegate {

  private final StoreWork work;

  ActOnStoreDelegate(StoreWork work) {
    this.work = work;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var store = (String) execution.getVariable(STORE);
    var operation = Operation.valueOf((String) execution.getVariable(STORE_OPERATION));
    var result = work.run(execution.getProcessBusinessKey(), store, operation);
    if ("FAILED".equals(result.outcome().status())) {
      throw new IllegalStateException(operation + " in store " + store + " failed: " + result.outcome().error());
    }
  }
}
