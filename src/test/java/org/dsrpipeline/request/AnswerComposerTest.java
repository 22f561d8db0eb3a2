package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dsrpipeline.connector.CollectionOutcome;
import org.dsrpipeline.deadline.ClockProperties;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.request.AnswerComposer.Progress;
import org.dsrpipeline.request.AnswerComposer.StoreAnswer;
import org.dsrpipeline.rights.RecordedOutcome;
import org.dsrpipeline.rights.rectification.Rectifications;
import org.dsrpipeline.support.DemoMaps;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The answer in plain words, from given outcomes of the demo stores, in English and Greek. */
class AnswerComposerTest {

  private static final Instant RAN = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant INVOICES_GO = Instant.parse("2034-03-01T00:00:00Z");
  private static final String TAX_LAW = "Accounting records are kept for 10 years under Greek tax and accounting law";

  private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
  private final AnswerComposer composer = new AnswerComposer(DemoMaps.demo("http://localhost:8080"), messages(),
      new LegalClock(ClockProperties.defaults()), json);

  @Test
  void saysPerStoreAndCategoryWhatWasFoundDoneAndKeptWhyAndUntilWhen() {
    var answer = composer.compose(outcomes(), "en");

    var accounts = store(answer, "customer-accounts");
    assertThat(accounts.description()).isEqualTo("Accounts of the platform's customers (sign-up, credentials, billing)");
    assertThat(accounts.progress()).isEqualTo(Progress.KEPT);
    assertThat(accounts.progressText()).isEqualTo("done; some records kept until 1 March 2034");
    assertThat(accounts.lines()).containsExactly(
        "Identifiers, name, contact details, account credentials: 1 record found, "
            + "1 with your personal details removed, "
            + "1 with your details replaced by a code that no longer identifies you.",
        "Identifiers, financial data, contact details: 2 records found. 2 records are kept until 1 March 2034, "
            + "because: " + TAX_LAW + ". We will erase them when that date comes.");
    assertThat(store(answer, "marketing").lines())
        .containsExactly("Contact details, preferences: 1 record found, 1 set to receive no more marketing.",
            "Identifiers, preferences: nothing found.");
    assertThat(store(answer, "marketing").progress()).isEqualTo(Progress.DONE);
  }

  @Test
  void aRectificationSaysPerCorrectionWhereItWasMadeWhyNotOrThatTheFieldIsNotHeldInEnglishAndGreek() {
    var corrections = List.of(
        new Rectifications.CorrectionAnswer(1, "full_name", Rectifications.Decision.ACCEPTED,
            List.of("customer-accounts", "crm"), List.of(), List.of(), null),
        new Rectifications.CorrectionAnswer(2, "recipient_email", Rectifications.Decision.ACCEPTED,
            List.of(), List.of(), List.of("message-log"), null),
        new Rectifications.CorrectionAnswer(3, "company", Rectifications.Decision.REJECTED,
            List.of(), List.of(), List.of(), "Our records show the company you signed the contract for."),
        new Rectifications.CorrectionAnswer(4, null, Rectifications.Decision.NOT_HELD,
            List.of(), List.of(), List.of(), null),
        new Rectifications.CorrectionAnswer(5, "id", Rectifications.Decision.NOT_CORRECTABLE,
            List.of(), List.of(), List.of(), null));

    var english = composer.compose(List.of(), corrections, "en").corrections();
    var greek = composer.compose(List.of(), corrections, "el").corrections();

    assertThat(english).containsExactly(
        "Correction 1 (\"full_name\") was made in: Accounts of the platform's customers (sign-up, credentials, "
            + "billing); Sales contacts and leads, kept by a third-party CRM provider (DEMO service at /demo/crm).",
        "Correction 2 (\"recipient_email\") concerns data we hold on behalf of our business customers (Logs of "
            + "the campaign messages customers send through the platform (SMS, Viber, email)): it is handled with them.",
        "Correction 3 (\"company\") was not made, because: Our records show the company you signed the contract for.",
        "Correction 4: we hold no data under the field you named, so there was nothing to correct.",
        "Correction 5 (\"id\") cannot be made through a request: the field is one of our own keys or marks (a record "
            + "number, the restriction or your marketing choice), not information about you. To change a marketing "
            + "choice, object or withdraw your consent.");
    assertThat(greek).hasSize(5);
    assertThat(greek.get(0)).startsWith("Η διόρθωση 1 («full_name») έγινε");
    assertThat(greek.get(2)).contains("δεν έγινε", "Our records show");
    assertThat(greek.get(3)).contains("Διόρθωση 4", "δεν υπήρχε κάτι να διορθωθεί");
    assertThat(composer.compose(List.of(), List.of(corrections.get(2).withoutReason()), "en").corrections())
        .containsExactly("Correction 3 (\"company\") was not made; our answer by email says why.");
    assertThat(composer.compose(outcomes(), "en").corrections()).as("other rights: none").isEmpty();
  }

  @Test
  void aStoreHeldAsProcessorIsHandledWithTheController() {
    var messageLog = store(composer.compose(outcomes(), "en"), "message-log");

    assertThat(messageLog.progress()).isEqualTo(Progress.WITH_CONTROLLER);
    assertThat(messageLog.progressText()).isEqualTo("handled with the controller");
    assertThat(messageLog.lines()).singleElement().asString().contains("handled with them", "3 records found");
  }

  @Test
  void aFailingStoreIsBeingRetriedAndAStoreNotYetDoneIsPending() {
    var answer = composer.compose(List.of(
        outcome("web-tracking", "ERASE", "FAILED", 0, 0, null, null),
        outcome("helpdesk", "ERASE", "PENDING", 0, 0, null, null)), "en");

    assertThat(store(answer, "web-tracking").progress()).isEqualTo(Progress.RETRYING);
    assertThat(store(answer, "web-tracking").progressText()).isEqualTo("delayed by a technical problem; being retried");
    assertThat(store(answer, "web-tracking").lines()).isEmpty();
    assertThat(store(answer, "helpdesk").progress()).isEqualTo(Progress.PENDING);
  }

  @Test
  void aProcessorStoreNotActedOnStillSaysHowManyRecordsWereFound() {
    var answer = composer.compose(List.of(outcome("message-log", "FIND", "OK", 6, 0, null, null),
        outcome("message-log", "ERASE", "HANDLED_WITH_CONTROLLER", 0, 0, null, null)), "en");

    assertThat(store(answer, "message-log").lines()).singleElement().asString().contains("6 records found");
  }

  @Test
  void aProcessorStoreSaysWhatWasDoneOnAControllersInstructionAndThatTheRestIsLeftToTheOthers() {
    var logs = new CollectionOutcome("message_log", 3, 0, 2, 2, 1, 0, 0, "Kept 24 months by law", INVOICES_GO,
        null, null);
    var carriedOut = controllerPart(outcome("message-log", "ERASE", "OK", 3, 1, INVOICES_GO, List.of(logs)), "10");
    var leftAlone = controllerPart(outcome("message-log", "ERASE", "HANDLED_WITH_CONTROLLER", 0, 0, null, null), "11");

    var answer = composer.compose(List.of(outcome("message-log", "FIND", "OK", 5, 0, null, null), carriedOut,
        leftAlone), "en");

    var messageLog = store(answer, "message-log");
    assertThat(messageLog.progress()).isEqualTo(Progress.KEPT);
    assertThat(messageLog.lines()).hasSize(2);
    assertThat(messageLog.lines().get(0)).contains("3 records found", "1 record is kept until");
    assertThat(messageLog.lines().get(1)).contains("left to them");
    assertThat(store(composer.compose(List.of(outcome("message-log", "FIND", "OK", 5, 0, null, null), leftAlone),
        "en"), "message-log").progress()).as("no controller instructed us").isEqualTo(Progress.WITH_CONTROLLER);
  }

  private static RecordedOutcome controllerPart(RecordedOutcome o, String controller) {
    return new RecordedOutcome(o.id(), o.store(), o.operation(), o.status(), o.found(), o.changed(), o.kept(),
        o.keptUntil(), o.collections(), o.error(), o.manualActionId(), o.attempts(), o.firstRunAt(), o.lastRunAt(),
        o.doneAt(), o.pass(), o.note(), controller);
  }

  @Test
  void aStoreOnTheDposLegalHoldIsKeptWhole() {
    var answer = composer.compose(List.of(outcome("crm", "ERASE", "KEPT_ON_HOLD", 0, 0, null, null)), "en");

    assertThat(store(answer, "crm").progress()).isEqualTo(Progress.ON_HOLD);
    assertThat(store(answer, "crm").progressText())
        .isEqualTo("kept whole: a legal claim or another legal obligation requires it");
    assertThat(store(composer.compose(List.of(outcome("crm", "ERASE", "KEPT_ON_HOLD", 0, 0, null, null)), "el"),
        "crm").progressText()).startsWith("διατηρούνται ολόκληρα");
  }

  @Test
  void writesTheAnswerInGreek() {
    var answer = composer.compose(outcomes(), "el");

    var accounts = store(answer, "customer-accounts");
    assertThat(accounts.progressText()).isEqualTo("ολοκληρώθηκε· ορισμένες εγγραφές διατηρούνται έως 1 Μαρτίου 2034");
    assertThat(accounts.lines().get(0)).startsWith("Αναγνωριστικά, ονοματεπώνυμο, στοιχεία επικοινωνίας, "
        + "διαπιστευτήρια λογαριασμού: βρέθηκε 1 εγγραφή, από 1 αφαιρέθηκαν τα προσωπικά σας στοιχεία");
    assertThat(accounts.lines().get(1)).contains("βρέθηκαν 2 εγγραφές", "2 εγγραφές διατηρούνται έως 1 Μαρτίου 2034",
        TAX_LAW);
    assertThat(store(answer, "message-log").progressText())
        .isEqualTo("διεκπεραιώνεται με τον υπεύθυνο επεξεργασίας");
    assertThat(store(answer, "message-log").lines().get(0)).contains("γι' αυτά", "βρέθηκαν 3 εγγραφές");
  }

  @Test
  void noOutcomesMakeAnEmptyAnswer() {
    assertThat(composer.compose(List.of(), "en").isEmpty()).isTrue();
  }

  @Test
  void unreadableCollectionsFallBackToTheStoreTotals() {
    var cut = new RecordedOutcome(9, "customer-accounts", "ERASE", "OK", 4, 3, 1, INVOICES_GO, "[{\"collection\":",
        null, null, 1, RAN, RAN, RAN, 1, null);

    assertThat(store(composer.compose(List.of(cut), "en"), "customer-accounts").lines())
        .containsExactly("4 records found, 3 changed, 1 kept.");
  }

  private List<RecordedOutcome> outcomes() {
    var customer = new CollectionOutcome("customer", 1, 0, 1, 1, 0, 0, 0, null, null, null,
        "fields kept by the data map: id (internal number)");
    var invoices = new CollectionOutcome("invoice", 2, 0, 0, 0, 2, 0, 0, TAX_LAW, INVOICES_GO, null, null);
    var newsletter = new CollectionOutcome("newsletter_subscription", 1, 0, 0, 0, 0, 0, 1, null, null, null, null);
    var preferences = CollectionOutcome.found("marketing_preference", 0, null);
    var logs = CollectionOutcome.found("message_log", 3, Map.of("42", 3L));
    return List.of(
        outcome("customer-accounts", "FIND", "OK", 3, 0, null, List.of(CollectionOutcome.found("customer", 1, null))),
        outcome("customer-accounts", "ERASE", "OK", 3, 2, INVOICES_GO, List.of(customer, invoices)),
        outcome("message-log", "FIND", "OK", 3, 0, null, List.of(logs)),
        outcome("marketing", "SUPPRESS_MARKETING", "OK", 1, 0, null, List.of(newsletter, preferences)));
  }

  private RecordedOutcome outcome(String store, String operation, String status, long found, long kept,
      Instant keptUntil, List<CollectionOutcome> collections) {
    try {
      return new RecordedOutcome(1, store, operation, status, found, 0, kept, keptUntil,
          collections == null ? null : json.writeValueAsString(collections), null, null, 1, RAN, RAN, RAN, 1, null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static StoreAnswer store(AnswerComposer.Answer answer, String name) {
    return answer.stores().stream().filter(s -> s.store().equals(name)).findFirst().orElseThrow();
  }

  private static ResourceBundleMessageSource messages() {
    var messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }
}
