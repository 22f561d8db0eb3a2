package org.dsrpipeline.audit;

/** What happened to a request. {@code visibleToRequester} marks the steps shown on the status page. */
public enum AuditAction {
  RECEIVED(true),
  RECORDED_BY_DPO(false),
  VERIFICATION_REQUESTED(true),
  IDENTITY_CONFIRMED(true),
  CLOSED_UNVERIFIED(true),
  DEADLINE_EXTENDED(true),
  DPO_REMINDED(false),
  OVERDUE(true),
  OVERDUE_ANSWERED(false),
  REVIEW_DECIDED(false),
  EXTENSION_DECIDED(false),
  RIGHT_CARRIED_OUT(false),
  UNCONFIRMED_DECIDED(false),
  REFUSED(true),
  COMPLETED(true),
  EMAIL_SENT(false),
  EMAIL_FAILED(false);

  private final boolean visibleToRequester;

  AuditAction(boolean visibleToRequester) {
    this.visibleToRequester = visibleToRequester;
  }

  public boolean visibleToRequester() {
    return visibleToRequester;
  }
}
