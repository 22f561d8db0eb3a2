package org.dsrpipeline.deadline;

/** The event that starts the one-month clock of GDPR Art. 12(3). */
public enum ClockStart {
  RECEIPT,
  VERIFICATION
}
