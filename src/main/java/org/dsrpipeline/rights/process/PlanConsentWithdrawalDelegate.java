package org.dsrpipeline.rights.process;

import static org.dsrpipeline.workflow.ObjectionProcess.CONSENT_ERASE_STORES;
import static org.dsrpipeline.workflow.ObjectionProcess.CONSENT_RESTRICT_STORES;
import static org.dsrpipeline.workflow.ObjectionProcess.DECISION_CONSENT_WITHDRAWAL;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.request.ObjectionAnswers;
import org.dsrpipeline.rights.OperationScopes;
import org.dsrpipeline.rights.objection.ConsentWithdrawal;
import org.springframework.stereotype.Component;

/**
 * Asks processes/rights/consent-withdrawal.dmn, per collection processed on consent, whether to restrict or erase
 * it, and writes back the store names by action (comma-separated; store names only); a store to restrict is limited
 * to its consent collections.
 */
@Component
class PlanConsentWithdrawalDelegate implements JavaDelegate {

  private final ConsentWithdrawal withdrawal;
  private final ObjectionAnswers evidence;
  private final OperationScopes scopes;

  PlanConsentWithdrawalDelegate(ConsentWithdrawal withdrawal, ObjectionAnswers evidence, OperationScopes scopes) {
    this.withdrawal = withdrawal;
    this.evidence = evidence;
    this.scopes = scopes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var decisions = execution.getProcessEngineServices().getDecisionService();
    var plan = withdrawal.plan((store, collection) -> (String) decisions
        .evaluateDecisionTableByKey(DECISION_CONSENT_WITHDRAWAL, Map.of("store", store.name(),
            "collection", collection.name(), "purpose", collection.purpose() == null ? "" : collection.purpose()))
        .getSingleResult().getEntry("action"));
    evidence.recordConsentWithdrawalPlan(execution.getProcessBusinessKey(), plan.summary());
    scopes.limit(execution.getProcessBusinessKey(), Operation.RESTRICT, plan.restrictCollections());
    execution.setVariable(CONSENT_RESTRICT_STORES, String.join(",", plan.restrict()));
    execution.setVariable(CONSENT_ERASE_STORES, String.join(",", plan.erase()));
  }
}
