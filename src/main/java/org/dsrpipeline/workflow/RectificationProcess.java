package org.dsrpipeline.workflow;

/** Ids and variable names of processes/rights/rectification.bpmn. */
public final class RectificationProcess {

  public static final String KEY = "Process_Rectification";

  /** The DPO's page of the request's corrections, shown in the review task's form. */
  public static final String CORRECTIONS_PATH = "correctionsPath";
  /** How many corrections the DPO has to decide (a count; the fields and values stay in the application). */
  public static final String CORRECTIONS_TO_REVIEW = "correctionsToReview";
  /** The review form's checkbox: every correction decided on the page, carry them out. */
  public static final String CORRECTIONS_REVIEWED = "correctionsReviewed";

  public static final String CALL_RESOLVE_SUBJECT = "CallActivity_ResolveSubject";
  public static final String TASK_CHECK_CORRECTIONS = "Task_CheckCorrections";
  public static final String GATEWAY_CORRECTIONS_TO_REVIEW = "Gateway_CorrectionsToReview";
  public static final String TASK_REVIEW_CORRECTIONS = "Task_ReviewCorrections";
  public static final String TASK_CHOOSE_STORES = "Task_ChooseStoresToRectify";
  public static final String CALL_RECTIFY_STORES = "CallActivity_RectifyStores";
  public static final String END_RECTIFIED = "EndEvent_RectificationDone";
  public static final String END_NOTHING_TO_CORRECT = "EndEvent_NothingToCorrect";

  private RectificationProcess() {
  }

  public static String correctionsPath(String reference) {
    return "/dpo/requests/" + reference + "/corrections";
  }
}
