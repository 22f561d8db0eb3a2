package org.dsrpipeline.rights.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.dsrpipeline.rights.RecordedOutcome;
import org.dsrpipeline.rights.StoreWork;
import org.junit.jupiter.api.Test;

/** When the deferred erasure erases again, and where. */
class DeferredErasuresTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final StoreWork work = mock(StoreWork.class);
  private final ErasurePlans plans = mock(ErasurePlans.class);
  private final DeferredErasures deferred = new DeferredErasures(work, plans, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void theNextPassComesWhenTheEarliestKeptRecordOfAnyStoreExpires() {
    outcomes(erase("customer-accounts", 1, 2, NOW.plus(Duration.ofDays(20))),
        erase("helpdesk", 1, 1, NOW.plus(Duration.ofDays(5))), erase("marketing", 1, 0, null));

    assertThat(deferred.nextRetentionEnd("R", 1)).contains(NOW.plus(Duration.ofDays(5)));
    assertThat(deferred.storesStillKeeping("R", 1)).containsExactly("customer-accounts", "helpdesk");
  }

  @Test
  void aRetentionYearsAwayIsCheckedAgainWithinThirtyDays() {
    outcomes(erase("customer-accounts", 1, 2, NOW.plus(Duration.ofDays(3650))));

    assertThat(deferred.nextRetentionEnd("R", 1)).contains(NOW.plus(Duration.ofDays(30)));
  }

  @Test
  void eachPassLooksOnlyAtItsOwnOutcomesAndNothingKeptEndsTheLoop() {
    outcomes(erase("customer-accounts", 1, 2, NOW.plus(Duration.ofDays(3))),
        erase("customer-accounts", 2, 0, null));

    assertThat(deferred.nextRetentionEnd("R", 2)).isEmpty();
    assertThat(deferred.storesStillKeeping("R", 2)).isEmpty();
    assertThat(deferred.storesStillKeeping("R", 1)).containsExactly("customer-accounts");
  }

  @Test
  void whileAStoreIsOnLegalHoldSomethingIsKeptAndCheckedAgainWithinThirtyDays() {
    outcomes(erase("customer-accounts", 1, 0, null));
    when(plans.holds("R")).thenReturn(List.of(new ErasurePlans.Hold("marketing", "Lawsuit", "dpo", null, null)));

    assertThat(deferred.nextRetentionEnd("R", 1)).contains(NOW.plus(Duration.ofDays(30)));
    assertThat(deferred.storesStillKeeping("R", 1)).isEmpty();
  }

  @Test
  void aStoreReleasedFromItsHoldIsErasedInTheNextPassAtOnce() {
    outcomes(erase("customer-accounts", 1, 2, NOW.plus(Duration.ofDays(20))));
    when(plans.liftedStoresNotErased("R")).thenReturn(List.of("marketing"));

    assertThat(deferred.nextRetentionEnd("R", 1)).contains(NOW);
    assertThat(deferred.storesStillKeeping("R", 1)).containsExactly("customer-accounts", "marketing");
  }

  private void outcomes(RecordedOutcome... outcomes) {
    when(work.outcomes("R")).thenReturn(List.of(outcomes));
  }

  private static RecordedOutcome erase(String store, int pass, long kept, Instant keptUntil) {
    return new RecordedOutcome(pass * 100L + store.length(), store, "ERASE", "OK", kept + 1, 1, kept, keptUntil, "[]",
        null, null, 1, NOW, NOW, NOW, pass, null);
  }
}
