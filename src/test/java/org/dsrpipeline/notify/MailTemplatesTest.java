package org.dsrpipeline.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dsrpipeline.request.AnswerComposer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Every status email renders in English and Greek, with its subject, its links and nothing personal. */
class MailTemplatesTest {

  private final MailTemplates templates = new MailTemplates(engine(),
      new OrganisationProperties("Apifon", "dpo@apifon.com", "the Hellenic DPA", "http://localhost:8080"));

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
      "received, en", "received, el", "verify-identity, en", "verify-identity, el",
      "identity-confirmed, en", "identity-confirmed, el", "deadline-extended, en", "deadline-extended, el",
      "refused, en", "refused, el", "closed-unverified, en", "closed-unverified, el",
      "completed, en", "completed, el", "restriction-lifting, en", "restriction-lifting, el",
      "restriction-lifted, en", "restriction-lifted, el", "objection-grounds, en", "objection-grounds, el"})
  void requesterEmailsCarryTheReferenceAndTheStatusLink(String template, String language) {
    var email = templates.render(template, language, variables("Eleni"));

    assertThat(email.subject()).isNotBlank().contains("DSR-2026-000042").doesNotContain("<", "${");
    assertThat(email.htmlBody()).contains("http://localhost:8080/status/DSR-2026-000042.sig", "Eleni")
        .doesNotContain("${", "requester@example.org", "+306912345678");
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({"dpo-reminder, en", "dpo-reminder, el", "dpo-overdue, en", "dpo-overdue, el"})
  void dpoEmailsPointToTasklist(String template, String language) {
    var email = templates.render(template, language,
        Map.of("reference", "DSR-2026-000042", "dueDate", "28 December 2026", "tasklistUrl", "http://localhost:8080/camunda/app/tasklist/"));

    assertThat(email.subject()).contains("DSR-2026-000042");
    assertThat(email.htmlBody()).contains("http://localhost:8080/camunda/app/tasklist/", "28 December 2026");
  }

  @Test
  void withoutAnyStoreOutcomeTheAnswerIsWhatTheDpoWroteAndTheNoteIsOptional() {
    var noted = variables(null);
    noted.put("answer", new AnswerComposer.Answer(List.of()));
    noted.put("outcomeSummary", "Σας στείλαμε αντίγραφο με ασφαλή σύνδεσμο.");
    var silent = variables(null);
    silent.put("answer", new AnswerComposer.Answer(List.of()));
    silent.remove("outcomeSummary");

    assertThat(templates.render("completed", "el", noted).htmlBody())
        .contains("Σας στείλαμε αντίγραφο με ασφαλή σύνδεσμο.").doesNotContain("Σημείωμα του Υπευθύνου");
    assertThat(templates.render("completed", "en", silent).htmlBody()).contains("We have carried out your request.")
        .doesNotContain("A note from our DPO");
  }

  @ParameterizedTest(name = "recipient-notice in {0}")
  @CsvSource({"en", "el"})
  void aRecipientIsToldWhatToDoInWhichStoreAndGetsTheLinkButNotWhoseDataItIs(String language) {
    var email = templates.render("recipient-notice", language, Map.of("recipientName", "CRM provider",
        "reference", "DSR-2026-000042", "tasks", List.of(Map.of("description", "Contacts in the CRM",
            "operation", "ERASE")), "link", "http://localhost:8080/recipient/tok", "expiresDate", "2 January 2027"));

    assertThat(email.subject()).contains("DSR-2026-000042").doesNotContain("${");
    assertThat(email.htmlBody()).contains("CRM provider", "Contacts in the CRM", "http://localhost:8080/recipient/tok",
        "2 January 2027").doesNotContain("${", "requester@example.org");
  }

  @ParameterizedTest(name = "controller-request in {0}")
  @CsvSource({"en", "el"})
  void aControllerCustomerIsAskedForItsInstructionWithTheLinkButNotWhoseDataItIs(String language) {
    var variables = new java.util.HashMap<String, Object>(Map.of("controllerName", "Georgiou Travel", "reference",
        "DSR-2026-000042", "operation", "ERASE", "records", 7L, "dueDate", "4 January 2027", "link",
        "http://localhost:8080/controller/tok", "expiresDate", "1 February 2027", "reminder", false));
    var email = templates.render("controller-request", language, variables);
    variables.put("reminder", true);
    var reminder = templates.render("controller-request", language, variables);

    assertThat(email.subject()).contains("DSR-2026-000042").doesNotContain("${");
    assertThat(email.htmlBody()).contains("Georgiou Travel", "7", "4 January 2027",
        "http://localhost:8080/controller/tok", "1 February 2027").doesNotContain("${");
    assertThat(reminder.subject()).isNotEqualTo(email.subject()).contains("DSR-2026-000042");
  }

  @ParameterizedTest(name = "dpo-email-failed in {0}")
  @CsvSource({"en", "el"})
  void theDpoLearnsWhichEmailWasRefusedAndHowToRetryIt(String language) {
    var email = templates.render("dpo-email-failed", language, Map.of("reference", "DSR-2026-000042", "emailId", 7L,
        "template", "verify-identity", "error", "550 5.1.1 no such user"));

    assertThat(email.subject()).contains("DSR-2026-000042");
    assertThat(email.htmlBody()).contains("verify-identity", "550 5.1.1 no such user", "POST /api/dpo/outbox/7/retry");
  }

  @ParameterizedTest(name = "restriction and objection in {0}")
  @CsvSource({"en", "el"})
  void theRequesterLearnsWhenTheRestrictionLiftsAndTheGroundsWithTheRightToComplain(String language) {
    var lifting = templates.render("restriction-lifting", language, variables(null));
    var grounds = templates.render("objection-grounds", language, variables(null));

    assertThat(lifting.htmlBody()).contains("8 December 2026", "Data held in 14 systems", "the Hellenic DPA");
    assertThat(grounds.htmlBody()).contains("Fraud prevention on the account", "the Hellenic DPA");
  }

  @Test
  void theRightTextsReachTheRequester() {
    assertThat(templates.render("verify-identity", "en", variables(null)).htmlBody())
        .contains("http://localhost:8080/verify/token123", "12 December 2026", "pressing the button");
    assertThat(templates.render("verify-identity", "el", variables(null)).htmlBody()).contains("πατώντας το κουμπί");
    assertThat(templates.render("deadline-extended", "en", variables(null)).htmlBody())
        .contains("Data held in 14 systems", "1 March 2027");
    assertThat(templates.render("refused", "en", variables(null)).htmlBody())
        .contains("Fifth identical request", "the Hellenic DPA").containsIgnoringCase("judicial remedy");
    assertThat(templates.render("completed", "el", variables(null)).htmlBody()).contains("Erased your account");
  }

  @Test
  void aRequesterWithoutANameIsGreetedPolitely() {
    assertThat(templates.render("received", "en", variables(null)).htmlBody()).contains("Dear requester");
  }

  @Test
  void receivedSaysWhenTheClockStartsAtVerification() {
    var vars = variables("Eleni");
    vars.put("dueDate", null);

    assertThat(templates.render("received", "en", vars).htmlBody()).contains("starts when you confirm your identity");
  }

  @Test
  void textFromTheDpoIsEscaped() {
    var vars = variables("<script>alert(1)</script>");

    assertThat(templates.render("received", "en", vars).htmlBody()).doesNotContain("<script>").contains("&lt;script&gt;");
  }

  @Test
  void anUnknownTemplateFailsLoudly() {
    assertThatThrownBy(() -> templates.render("no-such-mail", "en", Map.of())).hasMessageContaining("no-such-mail");
  }

  private static Map<String, Object> variables(String name) {
    var vars = new HashMap<String, Object>();
    vars.put("name", name);
    vars.put("reference", "DSR-2026-000042");
    vars.put("requestType", "ERASURE");
    vars.put("statusUrl", "http://localhost:8080/status/DSR-2026-000042.sig");
    vars.put("receivedDate", "28 November 2026");
    vars.put("dueDate", "28 December 2026");
    vars.put("verificationUrl", "http://localhost:8080/verify/token123");
    vars.put("verificationDeadline", "12 December 2026");
    vars.put("reason", "Data held in 14 systems");
    vars.put("newDueDate", "1 March 2027");
    vars.put("reasons", "Fifth identical request this month");
    vars.put("outcomeSummary", "Erased your account.\nMessage logs kept until 2028.");
    vars.put("liftDate", "8 December 2026");
    vars.put("grounds", "Fraud prevention on the account");
    return vars;
  }

  private static SpringTemplateEngine engine() {
    var resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setCharacterEncoding("UTF-8");
    var engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }
}
