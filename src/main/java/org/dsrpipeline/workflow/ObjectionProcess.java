package org.dsrpipeline.workflow;

/** Ids and variable names of processes/rights/objection.bpmn and consent-withdrawal.dmn, in one place. */
public final class ObjectionProcess {

  public static final String KEY = "Process_Objection";

  /** MARKETING (default when absent), PROCESSING or CONSENT: set by the intake, passed in by the call activity. */
  public static final String OBJECTION_SCOPE = "objectionScope";
  public static final String SCOPE_MARKETING = "MARKETING";
  public static final String SCOPE_PROCESSING = "PROCESSING";
  public static final String SCOPE_CONSENT = "CONSENT";

  public static final String COMPELLING_GROUNDS = "compellingGrounds";
  public static final String GROUNDS_TEXT = "groundsText";
  public static final String CONSENT_RESTRICT_STORES = "consentRestrictStores";
  public static final String CONSENT_ERASE_STORES = "consentEraseStores";

  public static final String DECISION_CONSENT_WITHDRAWAL = "Decision_ConsentWithdrawal";
  public static final String CALL_SUPPRESS_MARKETING = "CallActivity_SuppressMarketing";
  public static final String TASK_WEIGH_OBJECTION = "Task_WeighObjection";
  public static final String TASK_SEND_COMPELLING_GROUNDS = "Task_SendCompellingGrounds";
  public static final String CALL_RESTRICT_LEGITIMATE_INTERESTS = "CallActivity_RestrictLegitimateInterests";
  public static final String CALL_SUPPRESS_MARKETING_ON_WITHDRAWAL = "CallActivity_SuppressMarketingOnWithdrawal";
  public static final String TASK_PLAN_CONSENT_WITHDRAWAL = "Task_PlanConsentWithdrawal";
  public static final String CALL_RESTRICT_CONSENT_DATA = "CallActivity_RestrictConsentData";
  public static final String CALL_ERASE_CONSENT_DATA = "CallActivity_EraseConsentData";

  private ObjectionProcess() {
  }
}
