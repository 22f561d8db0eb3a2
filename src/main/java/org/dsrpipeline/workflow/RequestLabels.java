package org.dsrpipeline.workflow;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What a DPO task says about its request at a glance: nothing personal, only what tells requests
 * apart (reference, right, channel, dates). Implemented where the requests live.
 */
public interface RequestLabels {

  /** {@code right}: the right in words, such as "Erasure (Art. 17)"; {@code due}: null until the clock starts. */
  record Label(String reference, String right, String channel, LocalDate received, LocalDate due) {
  }

  Optional<Label> of(String reference);
}
