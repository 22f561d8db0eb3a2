package org.dsrpipeline.workflow;

/** Ids and variable names of processes/rights/erasure.bpmn and processes/rights/deferred-erasure.bpmn. */
public final class ErasureProcess {

  public static final String KEY = "Process_Erasure";
  public static final String KEY_DEFERRED = "Process_DeferredErasure";

  /** The DPO's page of the plan, shown in the review task's form. */
  public static final String PLAN_PATH = "planPath";
  public static final String PLAN_APPROVED = "planApproved";
  public static final String RECORDS_KEPT = "recordsKept";
  /** When the next kept record's retention ends (a Date): the deferred erasure's timer. */
  public static final String RETENTION_ENDS = "retentionEnds";

  public static final String CALL_RESOLVE_SUBJECT = "CallActivity_ResolveSubject";
  public static final String TASK_PREPARE_PLAN = "Task_PrepareErasurePlan";
  public static final String TASK_REVIEW_PLAN = "Task_ReviewErasurePlan";
  public static final String TASK_CHOOSE_STORES = "Task_ChooseStoresToErase";
  public static final String CALL_ERASE_STORES = "CallActivity_EraseStores";
  public static final String TASK_CHECK_RECORDS_KEPT = "Task_CheckRecordsKept";
  public static final String TASK_START_DEFERRED = "Task_StartDeferredErasure";
  public static final String TASK_FORGET_IDENTITIES = "Task_ForgetSubjectIdentities";
  public static final String TIMER_RETENTION_ENDS = "Timer_RetentionEnds";
  public static final String TASK_LIST_KEPT_STORES = "Task_ListKeptStores";
  public static final String CALL_ERASE_KEPT_STORES = "CallActivity_EraseKeptStores";
  /** Where the deferred erasure waits: for the retention timer or for a lifted legal hold. */
  public static final String GATEWAY_AWAIT_RETENTION_OR_LIFT = "Gateway_AwaitRetentionOrLift";
  public static final String EVENT_LEGAL_HOLD_LIFTED = "Event_LegalHoldLifted";
  /** Wakes the deferred erasure when the DPO lifts a legal hold ({@link DeferredErasureWakeUp}). */
  public static final String MESSAGE_LEGAL_HOLD_LIFTED = "LegalHoldLifted";

  private ErasureProcess() {
  }

  public static String planPath(String reference) {
    return "/dpo/requests/" + reference + "/erasure-plan";
  }
}
