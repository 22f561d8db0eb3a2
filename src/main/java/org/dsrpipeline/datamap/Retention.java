package org.dsrpipeline.datamap;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * Records are kept for {@code period} from the timestamp in field {@code from} because of {@code basis};
 * erasure leaves them alone until then and reports {@code reason}.
 */
public record Retention(Period period, String from, LegalBasis basis, String reason) {

  public Instant until(Instant start) {
    return start.atOffset(ZoneOffset.UTC).plus(period).toInstant();
  }

  public boolean holds(Instant start, Instant now) {
    return start != null && until(start).isAfter(now);
  }
}
