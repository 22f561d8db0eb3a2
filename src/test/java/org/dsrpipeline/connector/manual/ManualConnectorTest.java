package org.dsrpipeline.connector.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import org.dsrpipeline.connector.Correction;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.support.AppDatabase;
import org.dsrpipeline.support.DemoMaps;
import org.junit.jupiter.api.Test;

/** The demo map's paper archive: instructions for a person, and the DPO's answer. */
class ManualConnectorTest {

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final RequestRef REQUEST = RequestRef.of("DSR-2026-000042");
  private static final SubjectIdentities ANNA = SubjectIdentities.of(IdentityType.EMAIL, "ann@example.gr")
      .and(IdentityType.CUSTOMER_ID, "1");

  private final ManualActions actions = new ManualActions(AppDatabase.freshH2(), Clock.fixed(NOW, ZoneOffset.UTC));
  private final ManualConnector archive = new ManualConnector(
      DemoMaps.demo("http://127.0.0.1:9", new String[] {"jdbc:h2:mem:unused", "sa", ""}).store("paper-archive")
          .orElseThrow(), actions);

  @Test
  void anOperationOpensAnActionWithTheMapsInstructionsFilledIn() {
    var outcome = archive.erase(REQUEST, ANNA);

    assertThat(outcome.status()).isEqualTo(StoreOutcome.Status.MANUAL_PENDING);
    assertThat(outcome.manualTask().instructions()).isEqualTo("Request DSR-2026-000042: in the folder of customer "
        + "number 1 (email ann@example.gr) in archive room B, shred the letters and notes; keep the signed contract "
        + "and copies of invoices until 10 years after their issue (Greek tax law), and record what was kept.");
    assertThat(actions.list(ManualAction.Status.PENDING)).singleElement().satisfies(a -> {
      assertThat(a.reference()).isEqualTo("DSR-2026-000042");
      assertThat(a.store()).isEqualTo("paper-archive");
      assertThat(a.operation()).isEqualTo(Operation.ERASE);
      assertThat(a.openedAt()).isEqualTo(NOW);
    });
  }

  @Test
  void anOperationWithoutInstructionsOfItsOwnGetsTheDefaultAndUnknownIdentitiesAreSaidSo() {
    var outcome = archive.find(REQUEST, ANNA);

    assertThat(outcome.manualTask().instructions()).isEqualTo("Request DSR-2026-000042, paper archive (Thessaloniki "
        + "office, room B): look for the folder of customer number 1 (email ann@example.gr, phone (not known)) and "
        + "record what you found.");
  }

  @Test
  void correctionsAreSpelledOut() {
    var outcome = archive.rectify(REQUEST, ANNA, List.of(new Correction("full_name", "Anna Georgiou-Papa")));

    assertThat(outcome.manualTask().instructions()).contains("correct: full_name = \"Anna Georgiou-Papa\".");
  }

  @Test
  void runningAnOperationAgainKeepsTheOneAction() {
    var first = archive.restrict(REQUEST, ANNA);
    var second = archive.restrict(REQUEST, ANNA.and(IdentityType.PHONE, "+306912345678"));

    assertThat(second.manualTask().actionId()).isEqualTo(first.manualTask().actionId());
    assertThat(second.manualTask().instructions()).isEqualTo(first.manualTask().instructions());
    assertThat(actions.list(null)).hasSize(1);
  }

  @Test
  void theDpoAnswerDoneMakesTheOperationOk() {
    var pending = archive.erase(REQUEST, ANNA);

    var answered = actions.recordAnswer(pending.manualTask().actionId(), ManualAction.Status.DONE,
        "Letters shredded; contract kept until 2031", "dpo");
    var after = archive.erase(REQUEST, ANNA);

    assertThat(answered).extracting(ManualAction::status, ManualAction::answeredBy, ManualAction::answeredAt)
        .containsExactly(ManualAction.Status.DONE, "dpo", NOW);
    assertThat(after.status()).isEqualTo(StoreOutcome.Status.OK);
    assertThat(after.manualTask().answer()).isEqualTo("Letters shredded; contract kept until 2031");
    assertThat(actions.list(ManualAction.Status.PENDING)).isEmpty();
  }

  @Test
  void theDpoAnswerNotPossibleFailsTheOperationWithTheAnswer() {
    var pending = archive.export(REQUEST, ANNA, (store, collection, record) -> { });
    actions.recordAnswer(pending.manualTask().actionId(), ManualAction.Status.NOT_POSSIBLE, "No folder exists", "dpo");

    var after = archive.export(REQUEST, ANNA, (store, collection, record) -> { });

    assertThat(after.status()).isEqualTo(StoreOutcome.Status.FAILED);
    assertThat(after.error()).isEqualTo("store paper-archive: dpo answered that it cannot be done: No folder exists");
  }

  @Test
  void anActionIsAnsweredOnce() {
    var id = archive.erase(REQUEST, ANNA).manualTask().actionId();
    actions.recordAnswer(id, ManualAction.Status.DONE, "Done", "dpo");

    assertThatThrownBy(() -> actions.recordAnswer(id, ManualAction.Status.NOT_POSSIBLE, "Changed my mind", "dpo"))
        .isInstanceOf(IllegalStateException.class).hasMessage("Manual action " + id + " was answered already (DONE)");
    assertThatThrownBy(() -> actions.recordAnswer(id + 1, ManualAction.Status.DONE, "x", "dpo"))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void itTakesNoPartInTheIdentityGraph() {
    assertThat(archive.identitiesLinkedTo(ANNA).isEmpty()).isTrue();
  }
}
