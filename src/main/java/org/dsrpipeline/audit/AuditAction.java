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
  /** processes/who-reviews.dmn decided that the request is carried out without the DPO's review. */
  REVIEW_NOT_NEEDED(false),
  EXTENSION_DECIDED(false),
  RIGHT_CARRIED_OUT(false),
  UNCONFIRMED_DECIDED(false),
  REFUSED(true),
  COMPLETED(true),
  EMAIL_SENT(false),
  EMAIL_FAILED(false),
  /** A step failed after its last retry (an engine incident); the DPO was emailed. */
  INCIDENT_RAISED(false),
  /** The DPO answered a manual action (a store only a person can act on). */
  MANUAL_ACTION_ANSWERED(false),
  /** Someone read the request's personal data (DPO API or pages); the actor is the user. */
  PERSONAL_DATA_READ(false),
  // identities proven and resolved, work done per store (the foundation of the rights; no codes, no phone numbers)
  PHONE_CODE_ISSUED(false),
  PHONE_CODE_REJECTED(false),
  PHONE_PROVEN(false),
  SMS_SENT(false),
  SMS_FAILED(false),
  SUBJECT_RESOLVED(false),
  STORE_OPERATION(false),
  // erasure (rights/erasure): the plan, the DPO's holds and approval, the stored identities deleted at the end
  ERASURE_PLANNED(false),
  LEGAL_HOLD_RECORDED(false),
  /** The DPO lifted a legal hold: the store is erased by the deferred erasure. */
  LEGAL_HOLD_LIFTED(false),
  ERASURE_PLAN_APPROVED(false),
  SUBJECT_IDENTITIES_DELETED(false),
  // restriction (Art. 18) and objection (Art. 21, 7(3)); the store work itself is STORE_OPERATION
  RESTRICTED(true),
  RESTRICTION_LIFT_DECIDED(false),
  RESTRICTION_LIFT_ANNOUNCED(true),
  RESTRICTION_LIFTED(true),
  OBJECTION_WEIGHED(false),
  OBJECTION_GROUNDS_SENT(true),
  CONSENT_WITHDRAWAL_PLANNED(false),
  // Art. 19: the recipients of a changed store (rights/recipients)
  RECIPIENT_NOTIFIED(false),
  RECIPIENT_NOT_NOTIFIED(false),
  RECIPIENT_ACKNOWLEDGED(true),
  // the processor role (Art. 28(3)(e)): each controller customer asked, reminded, and its answer (rights/controllers)
  CONTROLLER_ASKED(true),
  CONTROLLER_REMINDED(false),
  CONTROLLER_ANSWERED(true),
  // rectification (Art. 16): each correction's decision (field and outcome, never the values), the review done
  CORRECTION_DECIDED(false),
  CORRECTIONS_REVIEWED(false),
  // access and portability (delivery): the package built, exclusions, release, downloads, expiry
  PACKAGE_BUILT(false),
  PACKAGE_EXCLUSION(false),
  PACKAGE_RELEASED(true),
  PACKAGE_DOWNLOADED(true),
  PACKAGE_DOWNLOAD_REFUSED(false),
  PACKAGE_EXPIRED(false),
  PACKAGE_TRANSMISSION_DECIDED(false),
  PACKAGE_TRANSMITTED(true),
  PACKAGE_TRANSMISSION_FAILED(false),
  /** The requester's data was removed from a closed request after the evidence period. */
  ANONYMISED(false);

  private final boolean visibleToRequester;

  AuditAction(boolean visibleToRequester) {
    this.visibleToRequester = visibleToRequester;
  }

  public boolean visibleToRequester() {
    return visibleToRequester;
  }
}
