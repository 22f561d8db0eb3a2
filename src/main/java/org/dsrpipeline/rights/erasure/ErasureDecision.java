package org.dsrpipeline.rights.erasure;

/**
 * The erasure plan's decision per store and collection (processes/rights/erasure-plan.dmn, which a process
 * designer edits): Java computes the facts, the DMN decides. {@code retentionBasis} null: no retention rule.
 * {@code storeName}, {@code collectionName}: as the data map names them, so that a rule can single out a store.
 */
public interface ErasureDecision {

  enum Action { ERASE, KEEP, HANDLED_WITH_CONTROLLER }

  record Facts(String storeName, String collectionName, String storeRole, String legalBasis, String retentionBasis,
      boolean legalHold) {
  }

  record Decided(Action action, String reason) {
  }

  Decided decide(Facts facts);
}
