package org.dsrpipeline.connector;

/**
 * A rectification: {@code field} names a data-map field as {@code store.collection.field},
 * {@code collection.field} or a plain field name (every field of that name in every store).
 */
public record Correction(String field, String value) {

  public Correction {
    if (field == null || field.isBlank() || value == null) {
      throw new IllegalArgumentException("A correction names a field and gives a value");
    }
  }

  /** Whether this correction is about {@code field} of {@code collection} in {@code store}. */
  public boolean targets(String store, String collection, String field) {
    var parts = this.field.split("\\.");
    return switch (parts.length) {
      case 1 -> parts[0].equals(field);
      case 2 -> parts[0].equals(collection) && parts[1].equals(field);
      case 3 -> parts[0].equals(store) && parts[1].equals(collection) && parts[2].equals(field);
      default -> false;
    };
  }
}
