package org.dsrpipeline.request.process;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What each Camunda Form under processes/forms/ enforces in Tasklist, enforced again on the server:
 * a completion through the engine REST API skips the form. {@code FormRulesTest} keeps these rules
 * and the .form files in step.
 */
final class FormRules {

  /**
   * One input field: required (always, or when another field has a value), allowed values, maximum length;
   * {@code checkbox}: a boolean, which "required" means ticked (true).
   */
  record Field(String key, String label, boolean required, String requiredWhenKey, String requiredWhenValue,
      Integer maxLength, List<String> values, boolean checkbox) {

    static Field text(String key, String label, boolean required, int maxLength) {
      return new Field(key, label, required, null, null, maxLength, List.of(), false);
    }

    static Field choice(String key, String label, String... values) {
      return new Field(key, label, true, null, null, null, List.of(values), false);
    }

    /** A checkbox that may be ticked or not: a boolean when given, absent read as not ticked. */
    static Field checkbox(String key, String label) {
      return new Field(key, label, false, null, null, null, List.of(), true);
    }

    /** A checkbox that must be ticked. */
    static Field ticked(String key, String label) {
      return new Field(key, label, true, null, null, null, List.of(), true);
    }

    Field requiredWhen(String otherKey, String otherValue) {
      return new Field(key, label, false, otherKey, otherValue, maxLength, values, checkbox);
    }
  }

  static final String REVIEW_REQUEST = "Form_ReviewRequest";
  static final String EXTEND_DEADLINE = "Form_ExtendDeadline";
  static final String ANSWER_OVERDUE_REQUEST = "Form_AnswerOverdueRequest";
  static final String CARRY_OUT_RIGHT = "Form_CarryOutRight";
  static final String DECIDE_UNCONFIRMED_REQUEST = "Form_DecideUnconfirmedRequest";
  static final String MANUAL_ACTION = "Form_ManualAction";
  static final String CHECK_SUBJECT_IDENTITIES = "Form_CheckSubjectIdentities";
  static final String REVIEW_ERASURE_PLAN = "Form_ReviewErasurePlan";
  static final String LIFT_RESTRICTION = "Form_LiftRestriction";
  static final String WEIGH_OBJECTION = "Form_WeighObjection";
  static final String REVIEW_CORRECTIONS = "Form_ReviewCorrections";
  static final String REVIEW_ACCESS_PACKAGE = "Form_ReviewAccessPackage";
  static final String REVIEW_PORTABILITY_PACKAGE = "Form_ReviewPortabilityPackage";
  static final String CHASE_CONTROLLER = "Form_ChaseController";
  static final String RETRY_FAILED_STEP = "Form_RetryFailedStep";

  private static final Map<String, List<Field>> BY_FORM = Map.ofEntries(
      Map.entry(REVIEW_REQUEST, List.of(
          Field.choice("decision", "Decision", "proceed", "refuse"),
          Field.text("refusalReasons", "Reasons for refusal", false, 2000).requiredWhen("decision", "refuse"))),
      Map.entry(EXTEND_DEADLINE, List.of(
          Field.text("extensionReason", "Reason for the extension", true, 1000))),
      Map.entry(ANSWER_OVERDUE_REQUEST, List.of(
          Field.text("overdueNote", "What is being done", false, 1000))),
      Map.entry(CARRY_OUT_RIGHT, List.of(
          Field.text("outcomeSummary", "A note from our DPO", false, 4000))),
      Map.entry(DECIDE_UNCONFIRMED_REQUEST, List.of(
          Field.choice("unconfirmedDecision", "Decision", "confirmed", "close"),
          Field.text("unconfirmedNote", "How the identity was checked, or why the request is closed", true, 1000))),
      Map.entry(MANUAL_ACTION, List.of()),
      Map.entry(RETRY_FAILED_STEP, List.of(
          Field.ticked("retryNow", "I fixed the cause: retry the step now"))),
      Map.entry(CHECK_SUBJECT_IDENTITIES, List.of(
          Field.choice("identitiesDecision", "Decision", "resolveAgain", "acceptAsFound"),
          Field.text("identitiesNote", "Why", true, 1000))),
      Map.entry(REVIEW_ERASURE_PLAN, List.of(
          Field.ticked("planApproved", "I have reviewed the plan: carry it out"))),
      Map.entry(LIFT_RESTRICTION, List.of(
          Field.text("liftReason", "Why the restriction is lifted", true, 1000))),
      Map.entry(WEIGH_OBJECTION, List.of(
          Field.checkbox("compellingGrounds", "Compelling legitimate grounds override the objection"),
          Field.text("groundsText", "The compelling grounds, as the requester will read them", false, 2000)
              .requiredWhen("compellingGrounds", "true"))),
      Map.entry(REVIEW_CORRECTIONS, List.of(
          Field.ticked("correctionsReviewed", "I have decided every correction on the page: carry them out"))),
      Map.entry(REVIEW_ACCESS_PACKAGE, List.of(
          Field.ticked("packageApproved", "I have reviewed the package: release it to the requester"),
          Field.text("outcomeSummary", "A note from our DPO", false, 4000))),
      Map.entry(CHASE_CONTROLLER, List.of(
          Field.choice("controllerDecision", "Decision", "chase", "carryOut", "handledByController", "refused",
              "noAnswer"),
          Field.text("controllerNote", "How you reached the customer and what it said", true, 2000))),
      Map.entry(REVIEW_PORTABILITY_PACKAGE, List.of(
          Field.checkbox("transmitApproved", "Send the package to the other controller the requester named"),
          Field.ticked("packageApproved", "I have reviewed the package: release it to the requester"),
          Field.text("outcomeSummary", "A note from our DPO", false, 4000))));

  private FormRules() {
  }

  /** The input fields of a form; empty for an unknown form. */
  static List<Field> of(String formId) {
    return BY_FORM.getOrDefault(formId, List.of());
  }

  static boolean knows(String formId) {
    return BY_FORM.containsKey(formId);
  }

  /** What is wrong with the value of one field, in words the DPO can act on; empty when it is fine. */
  static Optional<String> problem(Field field, Object value, Object otherValue) {
    // a checkbox's value is a Boolean: "required when compellingGrounds is true" compares it as text
    var required = field.required() || (field.requiredWhenKey() != null && otherValue != null
        && field.requiredWhenValue().equals(String.valueOf(otherValue)));
    if (field.checkbox()) {
      if (value != null && !(value instanceof Boolean)) {
        return Optional.of("'" + field.label() + "' must be true or false.");
      }
      return required && !Boolean.TRUE.equals(value) ? Optional.of("'" + field.label() + "' must be ticked (true).")
          : Optional.empty();
    }
    if (value == null || (value instanceof String text && text.isBlank())) {
      return required ? Optional.of("'" + field.label() + "' is required.") : Optional.empty();
    }
    if (!(value instanceof String text)) {
      return Optional.of("'" + field.label() + "' must be text.");
    }
    if (!field.values().isEmpty() && !field.values().contains(text)) {
      return Optional.of("'" + field.label() + "' must be one of: " + String.join(", ", field.values()) + ".");
    }
    if (field.maxLength() != null && text.length() > field.maxLength()) {
      return Optional.of(String.format(Locale.ROOT, "'%s' may have at most %,d characters; it has %,d.",
          field.label(), field.maxLength(), text.length()));
    }
    return Optional.empty();
  }
}
