package org.dsrpipeline.connector;

import java.time.Instant;
import java.util.Map;
import org.dsrpipeline.datamap.DataCollection;
import org.dsrpipeline.datamap.ErasureAction;

/**
 * What an operation did in one collection. Counts are of records: {@code found} matched the subject;
 * {@code blanked} / {@code pseudonymised} had at least one field blanked / pseudonymised; {@code kept}
 * were left whole under the retention rule ({@code keptReason}) until {@code keptUntil};
 * {@code restricted} were newly marked; {@code updated} were changed by a rectification, an unrestriction
 * or a marketing suppression. {@code controllers}: for a processor store, records per controller customer.
 * {@code note}: anything else the evidence should say (fields kept by the map, an operation the collection
 * does not support).
 */
public record CollectionOutcome(String collection, long found, long deleted, long blanked, long pseudonymised,
    long kept, long restricted, long updated, String keptReason, Instant keptUntil, Map<String, Long> controllers,
    String note) {

  public CollectionOutcome {
    controllers = controllers == null ? Map.of() : Map.copyOf(controllers);
  }

  public static CollectionOutcome found(String collection, long found, Map<String, Long> controllers) {
    return new CollectionOutcome(collection, found, 0, 0, 0, 0, 0, 0, null, null, controllers, null);
  }

  public static CollectionOutcome note(String collection, String note) {
    return new CollectionOutcome(collection, 0, 0, 0, 0, 0, 0, 0, null, null, null, note);
  }

  /** For an erasure that changed records but did not delete them: the personal fields the map keeps, and why. */
  public static String fieldsKeptNote(DataCollection collection) {
    var kept = collection.fields().stream().filter(f -> f.isPersonal() && f.erasure() == ErasureAction.KEEP)
        .map(f -> f.name() + " (" + f.keepReason() + ")").toList();
    return kept.isEmpty() ? null : "fields kept by the data map: " + String.join(", ", kept);
  }

  /** True when the operation changed a record. */
  public boolean changedAnything() {
    return deleted + blanked + pseudonymised + restricted + updated > 0;
  }

  String summary() {
    var text = new StringBuilder(collection).append(": found ").append(found);
    append(text, "deleted", deleted);
    append(text, "blanked", blanked);
    append(text, "pseudonymised", pseudonymised);
    append(text, "restricted", restricted);
    append(text, "updated", updated);
    if (kept > 0) {
      text.append(", kept ").append(kept).append(" until ").append(keptUntil).append(" (").append(keptReason)
          .append(")");
    }
    if (!controllers.isEmpty()) {
      text.append(", controllers ").append(controllers);
    }
    if (note != null) {
      text.append(", ").append(note);
    }
    return text.toString();
  }

  private static void append(StringBuilder text, String what, long count) {
    if (count > 0) {
      text.append(", ").append(what).append(" ").append(count);
    }
  }
}
