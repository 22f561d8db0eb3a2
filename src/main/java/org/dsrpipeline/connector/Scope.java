package org.dsrpipeline.connector;

import java.util.Set;
import org.dsrpipeline.datamap.DataCollection;

/**
 * What part of a store an operation is limited to: some collections (an objection stops one kind of processing),
 * and/or the records of some controller customers (a processor acts on the instruction of each controller: only
 * the records whose {@code controller-field} holds one of the values). Null: no limit of that kind.
 */
public record Scope(Set<String> collections, Set<String> controllers) {

  public static final Scope WHOLE_STORE = new Scope(null, null);

  public Scope {
    collections = collections == null ? null : Set.copyOf(collections);
    controllers = controllers == null ? null : Set.copyOf(controllers);
  }

  public static Scope collections(Set<String> collections) {
    return new Scope(collections, null);
  }

  public static Scope controllers(Set<String> controllers) {
    return new Scope(null, controllers);
  }

  public boolean isWholeStore() {
    return collections == null && controllers == null;
  }

  /** Whether the operation touches the collection at all: a controller limit leaves out collections of no controller. */
  public boolean concerns(DataCollection collection) {
    return (collections == null || collections.contains(collection.name()))
        && (controllers == null || collection.controllerField() != null);
  }

  /** Whether a record of the collection whose controller field holds {@code value} is in the scope. */
  public boolean admitsController(Object value) {
    return controllers == null || value != null && controllers.contains(String.valueOf(value));
  }
}
