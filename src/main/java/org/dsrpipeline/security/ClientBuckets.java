package org.dsrpipeline.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket (Bucket4j) per client address, all of the same budget. The map is bounded: past
 * {@code maxClients} addresses, buckets that are full again (their clients are idle) are dropped.
 */
class ClientBuckets {

  private static final int MAX_CLIENTS = 100_000;

  private final long capacity;
  private final Duration refillPeriod;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  ClientBuckets(RateLimitProperties.Budget budget, String property) {
    if (budget.capacity() < 1 || budget.refillPeriod().isZero() || budget.refillPeriod().isNegative()) {
      throw new IllegalStateException(property + ".capacity must be at least 1 and " + property
          + ".refill-period a positive duration (e.g. PT1M); got " + budget.capacity() + " per " + budget.refillPeriod());
    }
    this.capacity = budget.capacity();
    this.refillPeriod = budget.refillPeriod();
  }

  /** Takes one token of {@code client}: empty when it was taken, else how long until one is back. */
  OptionalLong take(String client) {
    var probe = bucket(client).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(probe.getNanosToWaitForRefill());
  }

  /** Gives back a token taken by {@link #take}, never beyond the capacity. */
  void giveBack(String client) {
    var bucket = buckets.get(client);
    if (bucket != null && bucket.getAvailableTokens() < capacity) {
      bucket.addTokens(1);
    }
  }

  /** Empties the budget of {@code client} for one whole refill period (tests: an address past its budget). */
  void drain(String client) {
    var bucket = bucket(client);
    bucket.consumeIgnoringRateLimits(Math.max(0, bucket.getAvailableTokens()) + capacity);
  }

  private Bucket bucket(String client) {
    var bucket = buckets.get(client);
    if (bucket != null) {
      return bucket;
    }
    if (buckets.size() >= MAX_CLIENTS) {
      buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
    }
    return buckets.computeIfAbsent(client, c -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, refillPeriod).build())
        .build());
  }
}
