package org.dsrpipeline.connector.http;

/** Spaces requests evenly: at most {@code perSecond} calls a second, shared by every thread using one store. */
final class RateLimiter {

  private final long intervalNanos;
  private long nextFree = System.nanoTime();

  RateLimiter(double perSecond) {
    this.intervalNanos = (long) (1_000_000_000L / perSecond);
  }

  void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      var now = System.nanoTime();
      var slot = Math.max(now, nextFree);
      nextFree = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
