package org.dsrpipeline.workflow;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ${storeRetries.cycle}}: the retry cycle of a store's step (processes/rights/store-operation.bpmn),
 * {@code dsr.rights.store-retry-cycle}, default R3/PT1M: three attempts a minute apart, then an incident.
 */
@Component("storeRetries")
public class StoreRetries {

  private final String cycle;

  public StoreRetries(@Value("${dsr.rights.store-retry-cycle:R3/PT1M}") String cycle) {
    this.cycle = cycle;
  }

  public String getCycle() {
    return cycle;
  }
}
