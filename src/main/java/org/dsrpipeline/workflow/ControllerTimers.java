package org.dsrpipeline.workflow;

import org.dsrpipeline.rights.controllers.ControllerProperties;
import org.springframework.stereotype.Component;

/**
 * {@code ${controllerTimers.reminder}} and {@code ${controllerTimers.escalation}}: when a silent controller customer
 * is reminded, and when the DPO is asked to chase or decide (processes/rights/controller-instruction.bpmn), from
 * {@code dsr.controllers}.
 */
@Component("controllerTimers")
public class ControllerTimers {

  private final ControllerProperties properties;

  public ControllerTimers(ControllerProperties properties) {
    this.properties = properties;
  }

  public String getReminder() {
    return properties.reminder();
  }

  public String getEscalation() {
    return properties.escalation();
  }
}
