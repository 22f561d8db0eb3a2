package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.decisionService;

import org.camunda.bpm.engine.test.Deployment;
import org.dsrpipeline.rights.erasure.ErasureDecision.Action;
import org.dsrpipeline.rights.erasure.ErasureDecision.Facts;
import org.dsrpipeline.workflow.DmnErasureDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/rights/erasure-plan.dmn, evaluated by the test engine's DecisionService through the application's wrapper. */
@Deployment(resources = "processes/rights/erasure-plan.dmn")
class ErasurePlanDecisionTest extends RightProcessTestBase {

  @ParameterizedTest(name = "{0} {1} retention {2} hold {3}: {4}")
  @CsvSource(nullValues = "-", value = {
      "PROCESSOR,  CONTRACT,             LEGAL_OBLIGATION, false, HANDLED_WITH_CONTROLLER, processor",
      "PROCESSOR,  CONTRACT,             -,                true,  HANDLED_WITH_CONTROLLER, processor",
      "CONTROLLER, CONTRACT,             -,                true,  KEEP,                    legal hold",
      "CONTROLLER, LEGAL_OBLIGATION,     LEGAL_OBLIGATION, true,  KEEP,                    legal hold",
      "CONTROLLER, LEGAL_OBLIGATION,     LEGAL_OBLIGATION, false, ERASE,                   retention period",
      "CONTROLLER, CONSENT,              -,                false, ERASE,                   consent",
      "CONTROLLER, LEGITIMATE_INTERESTS, -,                false, ERASE,                   no exception",
      "CONTROLLER, -,                    -,                false, ERASE,                   no exception"})
  void theDecisionGivesTheActionAndItsReason(String role, String basis, String retention, boolean hold, Action action,
      String reasonMentions) {
    var facts = new Facts("customer-accounts", "customer", role, basis, retention, hold);
    var decided = new DmnErasureDecision(decisionService()).decide(facts);

    assertThat(decided.action()).isEqualTo(action);
    assertThat(decided.reason()).containsIgnoringCase(reasonMentions);
  }
}
