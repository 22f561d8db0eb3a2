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
 * What an erasure kept under a retention rule, pass by pass: pass 1 is the request's erasure, each later pass
 * erases again (the connectors keep what is still inside its retention) in the stores that kept something.
 */
@Service
public class DeferredErasures {

  /**
   * The connectors report, per store, the latest kept-until of the records they kept: records of the same store
   * that expire earlier are picked up by a check at most this long after the previous one.
   */
  static final Duration LONGEST_WAIT = Duration.ofDays(30);

  private final StoreWork work;
  private final Clock clock;

  DeferredErasures(StoreWork work, Clock clock) {
    this.work = work;
    this.clock = clock;
  }

  /** The stores whose erasure of pass {@code pass} kept records under a retention rule. */
  public List<String> storesStillKeeping(String reference, int pass) {
    return kept(reference, pass).map(RecordedOutcome::store).distinct().toList();
  }

  /** When to erase again after pass {@code pass}: the earliest kept-until (at most {@link #LONGEST_WAIT} away); empty: nothing is kept. */
  public Optional<Instant> nextRetentionEnd(String reference, int pass) {
    var next = kept(reference, pass).map(RecordedOutcome::keptUntil).filter(Objects::nonNull)
        .min(Comparator.naturalOrder());
    if (next.isEmpty() && kept(reference, pass).findAny().isPresent()) {
      next = Optional.of(clock.instant());
    }
    var latest = clock.instant().plus(LONGEST_WAIT);
    return next.map(at -> at.isAfter(latest) ? latest : at);
  }

  private java.util.stream.Stream<RecordedOutcome> kept(String reference, int pass) {
    return work.outcomes(reference).stream()
        .filter(o -> Operation.ERASE.name().equals(o.operation()) && o.pass() == pass && o.ok() && o.kept() > 0);
  }
}
