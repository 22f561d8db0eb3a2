package org.dsrpipeline.workflow;

/**
 * Ids and variable names shared by the rights' diagrams (processes/rights/): resolving the subject
 * (processes/rights/resolve-subject.bpmn) and one step per store (processes/rights/store-operation.bpmn).
 */
public final class RightProcess {

  public static final String KEY_RESOLVE_SUBJECT = "Process_ResolveSubject";
  public static final String KEY_STORE_OPERATION = "Process_StoreOperation";

  /** Names of the stores a multi-instance step runs over, comma-separated (names only, never data). */
  public static final String STORES = "stores";
  /** The store of one step (the multi-instance element variable). */
  public static final String STORE = "store";
  /** The {@code org.dsrpipeline.datamap.Operation} of the step, by name. */
  public static final String OPERATION = "operation";
  /** 1, or a later pass of the same operation (an erasure's, once retention ends). */
  public static final String PASS = "pass";
  public static final String SUBJECT_RESOLVED = "subjectResolved";
  public static final String MANUAL_ACTION_PENDING = "manualActionPending";
  public static final String IDENTITIES_DECISION = "identitiesDecision";
  public static final String IDENTITIES_NOTE = "identitiesNote";

  public static final String IDENTITIES_RESOLVE_AGAIN = "resolveAgain";
  public static final String IDENTITIES_ACCEPT_AS_FOUND = "acceptAsFound";

  public static final String MESSAGE_MANUAL_ACTION_ANSWERED = "ManualActionAnswered";

  public static final String TASK_RESOLVE_SUBJECT = "Task_ResolveSubject";
  public static final String TASK_CHECK_SUBJECT_IDENTITIES = "Task_CheckSubjectIdentities";
  public static final String TASK_RUN_STORE_OPERATION = "Task_RunStoreOperation";
  /** Art. 19, after the stores of an erasure, restriction or rectification: how many recipients were recorded. */
  public static final String TASK_NOTIFY_RECIPIENTS = "Task_NotifyRecipients";
  public static final String RECIPIENTS_TOLD = "recipientsTold";
  /** The processor role: the controller customers asked (ids of dsr_controller_request, comma-separated). */
  public static final String CONTROLLER_REQUESTS = "controllerRequests";
  /** One controller customer asked (the multi-instance element variable of the wait for each controller). */
  public static final String CONTROLLER_REQUEST = "controllerRequest";
  /** After a controller's answer: true when the platform carries the right out in that controller's records. */
  public static final String CARRY_OUT = "carryOut";
  public static final String KEY_CONTROLLER_INSTRUCTION = "Process_ControllerInstruction";
  public static final String MESSAGE_CONTROLLER_ANSWERED = "ControllerAnswered";
  public static final String TASK_AWAIT_CONTROLLER_ANSWER = "Task_AwaitControllerAnswer";
  public static final String TASK_CHASE_CONTROLLER = "Task_ChaseController";
  public static final String TIMER_REMIND_CONTROLLER = "Timer_RemindController";
  public static final String TIMER_CONTROLLER_SILENT = "Timer_ControllerSilent";
  /** The DPO's decision on a silent controller (form chase-controller): chase, or what the controller answered. */
  public static final String CONTROLLER_DECISION = "controllerDecision";
  public static final String CONTROLLER_NOTE = "controllerNote";
  public static final String CONTROLLER_CHASE = "chase";

  public static final String EVENT_MANUAL_ACTION_ANSWERED = "Event_ManualActionAnswered";
  public static final String TIMER_CHECK_MANUAL_ACTION = "Timer_CheckManualActionAgain";

  private RightProcess() {
  }

  /** The value of {@link #STORES} for a list of store names. */
  public static String stores(java.util.List<String> names) {
    names.forEach(n -> {
      if (n.contains(",")) {
        throw new IllegalArgumentException("A store name with a comma cannot be listed: " + n);
      }
    });
    return String.join(",", names);
  }
}
