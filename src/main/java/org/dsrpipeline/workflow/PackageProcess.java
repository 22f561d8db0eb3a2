package org.dsrpipeline.workflow;

/**
 * Ids and variable names of processes/rights/access.bpmn and processes/rights/portability.bpmn: both export every
 * store, build a package, have the DPO review it, and release it for download.
 */
public final class PackageProcess {

  public static final String KEY_ACCESS = "Process_Access";
  public static final String KEY_PORTABILITY = "Process_Portability";

  /** ACCESS or PORTABILITY (input parameter of the build and release steps): what goes in the ZIP. */
  public static final String PACKAGE_FORMAT = "packageFormat";
  /** The DPO's page of the package, shown in the review task's form. */
  public static final String PACKAGE_PATH = "packagePath";
  /** The review form's checkbox: the DPO reviewed the package and releases it. */
  public static final String PACKAGE_APPROVED = "packageApproved";
  /** Portability's review form: the DPO approves sending the package to the other controller (Art. 20(2)). */
  public static final String TRANSMIT_APPROVED = "transmitApproved";
  /** The review form's optional note to the requester (the completion email shows it). */
  public static final String OUTCOME_SUMMARY = "outcomeSummary";

  public static final String CALL_RESOLVE_SUBJECT = "CallActivity_ResolveSubject";
  public static final String TASK_CHOOSE_STORES = "Task_ChooseStoresToExport";
  public static final String CALL_EXPORT_STORES = "CallActivity_ExportStores";
  public static final String TASK_BUILD_PACKAGE = "Task_BuildPackage";
  public static final String TASK_REVIEW_ACCESS_PACKAGE = "Task_ReviewAccessPackage";
  public static final String TASK_REVIEW_PORTABILITY_PACKAGE = "Task_ReviewPortabilityPackage";
  public static final String TASK_RELEASE_PACKAGE = "Task_ReleasePackage";
  public static final String TASK_TRANSMIT_PACKAGE = "Task_TransmitPackage";

  private PackageProcess() {
  }

  public static String packagePath(String reference, String format) {
    return "/dpo/requests/" + reference + ("PORTABILITY".equals(format) ? "/portability-package" : "/access-package");
  }
}
