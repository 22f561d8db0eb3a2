package org.dsrpipeline.workflow;

/** Ids and variable names of processes/data-subject-request.bpmn, in one place. */
public final class DataSubjectRequestProcess {

  public static final String KEY = "Process_DataSubjectRequest";
  public static final String MESSAGE_IDENTITY_CONFIRMED = "IdentityConfirmed";

  public static final String REQUEST_TYPE = "requestType";
  public static final String RIGHT_PROCESS_KEY = "rightProcessKey";
  public static final String IDENTITY_VERIFIED = "identityVerified";
  public static final String VERIFICATION_DEADLINE = "verificationDeadline";
  public static final String DUE_DATE = "dueDate";
  public static final String REMINDER_DATE = "reminderDate";
  public static final String EARLIER_REQUESTS = "earlierRequests";
  /** An objection's scope (MARKETING, PROCESSING, CONSENT); null for the other rights. */
  public static final String OBJECTION_SCOPE = "objectionScope";
  /** Set by processes/who-reviews.dmn: whether the DPO reviews the request before any change. */
  public static final String REVIEW_NEEDED = "reviewNeeded";
  public static final String DECISION = "decision";
  public static final String REFUSAL_REASONS = "refusalReasons";
  public static final String EXTENSION_REASON = "extensionReason";
  public static final String OUTCOME_SUMMARY = "outcomeSummary";
  public static final String UNCONFIRMED_DECISION = "unconfirmedDecision";
  public static final String UNCONFIRMED_NOTE = "unconfirmedNote";

  public static final String DECISION_PROCEED = "proceed";
  public static final String DECISION_REFUSE = "refuse";
  public static final String UNCONFIRMED_DECISION_CONFIRMED = "confirmed";
  public static final String UNCONFIRMED_DECISION_CLOSE = "close";

  public static final String DECISION_WHO_REVIEWS = "Decision_WhoReviews";
  public static final String TASK_DECIDE_WHO_REVIEWS = "Task_DecideWhoReviews";
  public static final String GATEWAY_CARRY_OUT_RIGHT = "Gateway_CarryOutRight";
  public static final String CALL_ACTIVITY_FULFIL_RIGHT = "CallActivity_FulfilRight";
  public static final String TASK_REVIEW_REQUEST = "Task_ReviewRequest";
  public static final String TASK_CONSIDER_EXTENSION = "Task_ConsiderExtension";
  public static final String TASK_ANSWER_OVERDUE_REQUEST = "Task_AnswerOverdueRequest";
  public static final String TASK_DECIDE_UNCONFIRMED_REQUEST = "Task_DecideUnconfirmedRequest";

  private DataSubjectRequestProcess() {
  }
}
