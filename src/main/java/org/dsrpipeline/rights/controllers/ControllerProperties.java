package org.dsrpipeline.rights.controllers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dsr.controllers}: the processor role. A controller customer that has not answered is reminded after
 * {@code reminder-after}; after a further {@code escalate-after} the DPO gets a task to chase or decide. Its answer
 * link works for {@code link-validity}.
 */
@ConfigurationProperties("dsr.controllers")
public record ControllerProperties(@DefaultValue("P7D") Duration reminderAfter,
    @DefaultValue("P14D") Duration escalateAfter, @DefaultValue("P60D") Duration linkValidity) {

  public ControllerProperties {
    positive("dsr.controllers.reminder-after (DSR_CONTROLLER_REMINDER_AFTER)", reminderAfter);
    positive("dsr.controllers.escalate-after (DSR_CONTROLLER_ESCALATE_AFTER)", escalateAfter);
    positive("dsr.controllers.link-validity (DSR_CONTROLLER_LINK_VALIDITY)", linkValidity);
  }

  /** The ISO-8601 duration of the reminder timer, for the diagram. */
  public String reminder() {
    return reminderAfter.toString();
  }

  /** The ISO-8601 duration, from the question, after which the DPO is asked to chase or decide. */
  public String escalation() {
    return reminderAfter.plus(escalateAfter).toString();
  }

  private static void positive(String name, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, such as P7D; it is " + duration);
    }
  }
}
