package org.dsrpipeline.workflow;

import java.util.HashMap;
import org.camunda.bpm.engine.DecisionService;
import org.dsrpipeline.rights.erasure.ErasureDecision;
import org.springframework.stereotype.Component;

/** Evaluates Decision_ErasureAction (processes/rights/erasure-plan.dmn, latest deployed version). */
@Component
public class DmnErasureDecision implements ErasureDecision {

  public static final String DECISION_KEY = "Decision_ErasureAction";

  private final DecisionService decisions;

  public DmnErasureDecision(DecisionService decisions) {
    this.decisions = decisions;
  }

  @Override
  public Decided decide(Facts facts) {
    var variables = new HashMap<String, Object>();
    variables.put("storeName", facts.storeName());
    variables.put("collectionName", facts.collectionName());
    variables.put("storeRole", facts.storeRole());
    variables.put("legalBasis", facts.legalBasis());
    variables.put("retentionBasis", facts.retentionBasis());
    variables.put("legalHold", facts.legalHold());
    var result = decisions.evaluateDecisionTableByKey(DECISION_KEY, variables).getFirstResult();
    if (result == null) {
      throw new IllegalStateException(DECISION_KEY + " gave no action for " + facts + ": every case needs a rule "
          + "(processes/rights/erasure-plan.dmn)");
    }
    return new Decided(Action.valueOf((String) result.get("action")), (String) result.get("reason"));
  }
}
