package org.dsrpipeline.workflow;

/** Ids and variable names of processes/rights/restriction.bpmn and restriction-held.bpmn, in one place. */
public final class RestrictionProcess {

  public static final String KEY = "Process_Restriction";
  /** Long-lived: holds the restriction after the request is answered, until the DPO lifts it. */
  public static final String HELD_KEY = "Process_RestrictionHeld";

  public static final String LIFT_REASON = "liftReason";
  public static final String RESTRICTION_LIFTS_AT = "restrictionLiftsAt";

  public static final String TASK_CHOOSE_STORES_TO_RESTRICT = "Task_ChooseStoresToRestrict";
  public static final String CALL_RESTRICT_STORES = "CallActivity_RestrictStores";
  public static final String TASK_MARK_RESTRICTED = "Task_MarkRequestRestricted";
  public static final String TASK_HOLD_RESTRICTION = "Task_HoldRestriction";
  public static final String TASK_LIFT_RESTRICTION = "Task_LiftRestriction";
  public static final String TASK_ANNOUNCE_LIFT = "Task_AnnounceRestrictionLift";
  public static final String TIMER_LIFT_NOTICE_ENDS = "Timer_LiftNoticeEnds";
  public static final String TASK_CHOOSE_STORES_TO_UNRESTRICT = "Task_ChooseStoresToUnrestrict";
  public static final String CALL_UNRESTRICT_STORES = "CallActivity_UnrestrictStores";
  public static final String TASK_RECORD_LIFTED = "Task_RecordRestrictionLifted";

  private RestrictionProcess() {
  }
}
