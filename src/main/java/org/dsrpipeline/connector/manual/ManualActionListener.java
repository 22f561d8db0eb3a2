package org.dsrpipeline.connector.manual;

/** Told when a manual action is opened for the first time and when the DPO answers it. */
public interface ManualActionListener {

  ManualActionListener NONE = new ManualActionListener() {
  };

  default void opened(ManualAction action) {
  }

  default void answered(ManualAction action) {
  }
}
