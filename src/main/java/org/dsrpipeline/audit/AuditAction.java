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
  REFUSED(true),
  COMPLETED(true),
  EMAIL_SENT(false),
  EMAIL_FAILED(false),
  // identities proven and resolved, work done per store (the foundation of the rights; no codes, no phone numbers)
  PHONE_CODE_ISSUED(false),
  PHONE_CODE_REJECTED(false),
  PHONE_PROVEN(false),
  SMS_SENT(false),
  SMS_FAILED(false),
  SUBJECT_RESOLVED(false),
  STORE_OPERATION(false);

  private final boolean visibleToRequester;

  AuditAction(boolean visibleToRequester) {
    this.visibleToRequester = visibleToRequester;
  }

  public boolean visibleToRequester() {
    return visibleToRequester;
  }
}
