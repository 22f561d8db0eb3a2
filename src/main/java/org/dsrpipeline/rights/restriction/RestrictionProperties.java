package org.dsrpipeline.rights.restriction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dsr.rights.restriction-lift-notice}: how long before a restriction is lifted the requester is told
 * (Art. 18(3)); the timer of Process_RestrictionHeld waits this long after the DPO's decision.
 */
@ConfigurationProperties("dsr.rights")
public record RestrictionProperties(@DefaultValue("P7D") Duration restrictionLiftNotice) {

  public RestrictionProperties {
    if (restrictionLiftNotice == null || restrictionLiftNotice.isNegative()) {
      throw new IllegalArgumentException("dsr.rights.restriction-lift-notice (DSR_RESTRICTION_LIFT_NOTICE) must be "
          + "a duration of zero or more, such as P7D; it is " + restrictionLiftNotice);
    }
  }
}
