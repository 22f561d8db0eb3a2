package org.dsrpipeline.connector.manual;

/**
 * Told when a manual action is opened for the first time and when the DPO answers it, inside the
 * transaction that records it: a listener that throws undoes the opening or the answer.
 */
public interface ManualActionListener {

  ManualActionListener NONE = new ManualActionListener() {
  };

  /** The id of what tracks the action for the DPO (its Tasklist process), kept with the action; null if none. */
  default String opened(ManualAction action) {
    return null;
  }

  /** {@code trackingId}: what {@link #opened} answered for this action, or null. */
  default void answered(ManualAction action, String trackingId) {
  }
}
