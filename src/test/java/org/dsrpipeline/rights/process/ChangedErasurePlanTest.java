package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.decisionService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;

import java.io.File;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Description;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.dsrpipeline.rights.erasure.ErasureDecision.Action;
import org.dsrpipeline.rights.erasure.ErasureDecision.Facts;
import org.dsrpipeline.workflow.DmnErasureDecision;
import org.junit.jupiter.api.Test;

/**
 * The process designer's guide, done by a test: the shipped processes/rights/erasure-plan.dmn gets one more rule
 * at the top, as Camunda Modeler would write it ("helpdesk" → KEEP, a legal claim), is deployed, and the
 * application's own decision code now keeps the helpdesk's tickets and still erases the other stores. No Java
 * changes: the rule uses the table's existing Store column.
 */
class ChangedErasurePlanTest extends RightProcessTestBase {

  @Test
  void aRuleAddedInTheTableKeepsTheHelpdeskTicketsUnderALegalClaim() {
    var decision = new DmnErasureDecision(decisionService());
    var helpdesk = new Facts("helpdesk", "ticket", "CONTROLLER", "CONTRACT", null, false);
    var accounts = new Facts("customer-accounts", "customer", "CONTROLLER", "CONTRACT", null, false);
    var model = Dmn.readModelFromFile(new File("processes/rights/erasure-plan.dmn"));
    repositoryService().createDeployment().addModelInstance("erasure-plan.dmn", model).deploy();
    assertThat(decision.decide(helpdesk).action()).as("the shipped table").isEqualTo(Action.ERASE);

    addFirstRule(model, "\"helpdesk\"", "\"KEEP\"",
        "\"Kept whole: a legal claim about the helpdesk tickets is pending (GDPR Art. 17(3)(e))\"");
    repositoryService().createDeployment().addModelInstance("erasure-plan.dmn", model).deploy();

    var kept = decision.decide(helpdesk);
    assertThat(kept.action()).isEqualTo(Action.KEEP);
    assertThat(kept.reason()).contains("legal claim about the helpdesk tickets");
    assertThat(decision.decide(accounts).action()).isEqualTo(Action.ERASE);
  }

  /** What Modeler writes for a new first row: the store's entry, "-" (empty) for every other input, then the outputs. */
  private static void addFirstRule(DmnModelInstance model, String store, String action, String reason) {
    var table = model.getModelElementsByType(DecisionTable.class).iterator().next();
    var rule = model.newInstance(Rule.class);
    rule.setId("Rule_HelpdeskLegalClaim");
    var description = model.newInstance(Description.class);
    description.setTextContent("A legal claim about the helpdesk tickets is pending");
    rule.setDescription(description);
    for (var input : table.getInputs()) {
      var entry = model.newInstance(InputEntry.class);
      entry.setText(text(model, input.getId().equals("Input_StoreName") ? store : ""));
      rule.getInputEntries().add(entry);
    }
    for (var value : new String[] {action, reason}) {
      var entry = model.newInstance(OutputEntry.class);
      entry.setText(text(model, value));
      rule.getOutputEntries().add(entry);
    }
    var lastOutput = table.getOutputs().stream().reduce((a, b) -> b).orElseThrow();
    table.insertElementAfter(rule, lastOutput);
    assertThat(table.getRules().iterator().next().getId()).isEqualTo(rule.getId());
  }

  private static Text text(DmnModelInstance model, String content) {
    var text = model.newInstance(Text.class);
    text.setTextContent(content);
    return text;
  }
}
