package org.dsrpipeline.request;

public enum RequestStatus {
  AWAITING_VERIFICATION,
  IN_PROGRESS,
  OVERDUE,
  COMPLETED,
  REFUSED,
  CLOSED_UNVERIFIED;

  public boolean isClosed() {
    return this == COMPLETED || this == REFUSED || this == CLOSED_UNVERIFIED;
  }
}
