package org.dsrpipeline.rights.erasure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.rights.RecordedOutcome;
import org.dsrpipeline.rights.StoreWork;
import org.springframework.stereotype.Service;

/**
 * What an erasure kept, pass by pass: pass 1 is the request's erasure, each later pass erases again (the
 * connectors keep what is still inside its retention) in the stores that kept something under a retention rule,
 * and in the stores the DPO has released from a legal hold since. While a store is on legal hold, something is
 * kept: the request's stored identities stay, so that the store can be erased once the hold is lifted.
 */
@Service
public class DeferredErasures {

  /**
   * The connectors report, per store, the latest kept-until of the records they kept: records of the same store
   * that expire earlier are picked up by a check at most this long after the previous one.
   */
  static final Duration LONGEST_WAIT = Duration.ofDays(30);

  private final StoreWork work;
  private final ErasurePlans plans;
  private final Clock clock;

  DeferredErasures(StoreWork work, ErasurePlans plans, Clock clock) {
    this.work = work;
    this.plans = plans;
    this.clock = clock;
  }

  /**
   * The stores to erase in the pass after {@code pass}: those whose erasure of pass {@code pass} kept records
   * under a retention rule, and those released from a legal hold and not erased yet.
   */
  public List<String> storesStillKeeping(String reference, int pass) {
    return java.util.stream.Stream.concat(kept(reference, pass).map(RecordedOutcome::store),
        plans.liftedStoresNotErased(reference).stream()).distinct().toList();
  }

  /**
   * When to erase again after pass {@code pass}: now for a store released from its legal hold, else the earliest
   * kept-until, at most {@link #LONGEST_WAIT} away (also while a store is on legal hold, which the DPO may lift
   * at any time); empty: nothing is kept any more.
   */
  public Optional<Instant> nextRetentionEnd(String reference, int pass) {
    var now = clock.instant();
    if (!plans.liftedStoresNotErased(reference).isEmpty()) {
      return Optional.of(now);
    }
    var next = kept(reference, pass).map(RecordedOutcome::keptUntil).filter(Objects::nonNull)
        .min(Comparator.naturalOrder());
    if (next.isEmpty() && kept(reference, pass).findAny().isPresent()) {
      next = Optional.of(now);
    }
    var latest = now.plus(LONGEST_WAIT);
    if (next.isEmpty() && !plans.holds(reference).isEmpty()) {
      next = Optional.of(latest);
    }
    return next.map(at -> at.isAfter(latest) ? latest : at);
  }

  private java.util.stream.Stream<RecordedOutcome> kept(String reference, int pass) {
    return work.outcomes(reference).stream()
        .filter(o -> Operation.ERASE.name().equals(o.operation()) && o.pass() == pass && o.ok() && o.kept() > 0);
  }
}
