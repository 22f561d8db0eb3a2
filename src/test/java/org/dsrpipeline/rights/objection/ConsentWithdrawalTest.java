package org.dsrpipeline.rights.objection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.support.DemoMaps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** processes/rights/consent-withdrawal.dmn as shipped, and how its answers become per-store actions. */
class ConsentWithdrawalTest {

  private static final DataMap DEMO = DemoMaps.demo("http://localhost:1", new String[] {"jdbc:h2:mem:unused", "sa", ""});
  private static DmnEngine dmn;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (var in = new FileInputStream("processes/rights/consent-withdrawal.dmn")) {
      decision = dmn.parseDecision("Decision_ConsentWithdrawal", in);
    }
  }

  @Test
  void byDefaultEveryCollectionOnConsentIsRestricted() {
    var plan = new ConsentWithdrawal(DEMO).plan((store, collection) -> decide(store.name(), collection.name()));

    assertThat(plan.restrict()).containsExactly("marketing", "web-tracking");
    assertThat(plan.erase()).isEmpty();
    assertThat(plan.decisions()).containsExactly("marketing.newsletter_subscription RESTRICT",
        "marketing.marketing_preference RESTRICT", "web-tracking.tracking_event RESTRICT");
  }

  @Test
  void aStoreIsErasedOnlyWhenEveryOneOfItsCollectionsRestsOnConsentAndIsToBeErased() {
    var plan = new ConsentWithdrawal(DEMO).plan((store, collection) ->
        collection.name().equals("marketing_preference") || store.name().equals("web-tracking") ? "ERASE" : "RESTRICT");

    assertThat(plan.erase()).containsExactly("web-tracking");
    assertThat(plan.restrict()).as("newsletter_subscription stays restricted, so the store is not erased")
        .containsExactly("marketing");
  }

  @Test
  void storesHeldAsProcessorOrWithoutConsentAreNotInThePlan() {
    var plan = new ConsentWithdrawal(DEMO).plan((store, collection) -> "ERASE");

    assertThat(plan.erase()).containsExactly("marketing", "web-tracking")
        .doesNotContain("message-log", "customer-accounts", "helpdesk", "crm", "paper-archive");
  }

  private static String decide(String store, String collection) {
    return dmn.evaluateDecisionTable(decision, Map.of("store", store, "collection", collection, "purpose", "any"))
        .getSingleResult().getEntry("action");
  }
}
