package org.dsrpipeline.datamap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a subject's identities across stores to a fixpoint: an email finds a customer record, whose
 * id and phone find invoices, tracking events and message logs, whose cookie ids find more events.
 * Each round asks every source only about the values that are new since the round before. Bounded in
 * rounds and in values per type, because one shared value (a company switchboard number) could
 * otherwise link unrelated people.
 */
public final class IdentityGraph {

  public static final int DEFAULT_MAX_ROUNDS = 10;
  public static final int DEFAULT_MAX_VALUES = 200;

  private final int maxRounds;
  private final int maxValuesPerType;

  public IdentityGraph(int maxRounds, int maxValuesPerType) {
    this.maxRounds = maxRounds;
    this.maxValuesPerType = maxValuesPerType;
  }

  /** {@code unavailable}: sources that failed, with why; they took no part in later rounds. */
  public record Result(SubjectIdentities identities, int rounds, Map<String, String> unavailable) {
  }

  public Result resolve(SubjectIdentities given, List<? extends IdentitySource> sources) {
    var known = given;
    var fresh = given;
    var unavailable = new LinkedHashMap<String, String>();
    for (int round = 1; round <= maxRounds; round++) {
      var found = SubjectIdentities.none();
      for (var source : sources) {
        if (unavailable.containsKey(source.name())) {
          continue;
        }
        try {
          found = found.plus(source.identitiesLinkedTo(fresh));
        } catch (Exception e) {
          unavailable.put(source.name(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
      }
      fresh = found.minus(known);
      known = known.plus(fresh);
      for (var entry : known.values().entrySet()) {
        if (entry.getValue().size() > maxValuesPerType) {
          throw new IdentityGraphLimitException("The subject's identities grew past " + maxValuesPerType + " "
              + entry.getKey() + " values in round " + round + ": a value shared by many people (a company "
              + "switchboard number, a shared mailbox) is linking unrelated subjects. Start again from fewer "
              + "identities, or raise dsr.datamap.identity-graph.max-values.");
        }
      }
      if (fresh.isEmpty()) {
        return new Result(known, round, unavailable);
      }
    }
    throw new IdentityGraphLimitException("The subject's identities still grew after " + maxRounds + " rounds ("
        + known.counts() + "): the stores link values in a chain that does not end. Start again from fewer "
        + "identities, or raise dsr.datamap.identity-graph.max-rounds.");
  }

  /** The graph stopped at one of its bounds; nothing was acted on. */
  public static class IdentityGraphLimitException extends RuntimeException {

    IdentityGraphLimitException(String message) {
      super(message);
    }
  }
}
