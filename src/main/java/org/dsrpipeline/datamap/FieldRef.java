package org.dsrpipeline.datamap;

/** {@code store.collection.field}: where a field's values come from. */
public record FieldRef(String store, String collection, String field) {

  @Override
  public String toString() {
    return store + "." + collection + "." + field;
  }
}
