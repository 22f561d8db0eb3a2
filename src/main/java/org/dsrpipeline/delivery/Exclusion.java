package org.dsrpipeline.delivery;

import java.time.Instant;

/**
 * What the DPO left out of a package (GDPR Art. 15(4)): a whole collection of a store ({@code recordNumber} null),
 * or one record of it, numbered from 1 in the collection as report.html shows it.
 */
public record Exclusion(long id, String store, String collection, Long recordNumber, String reason, String excludedBy,
    Instant excludedAt) {

  boolean covers(String store, String collection, long number) {
    return this.store.equals(store) && this.collection.equals(collection)
        && (recordNumber == null || recordNumber == number);
  }
}
