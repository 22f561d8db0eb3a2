package org.dsrpipeline.connector;

import java.util.List;
import java.util.stream.Collectors;
import org.dsrpipeline.datamap.Operation;

/**
 * What one operation did in one store for one request: part of the request's evidence. A store that
 * failed has {@code error} (never personal data); a manual store has the action a person must take.
 */
public record StoreOutcome(RequestRef request, String store, Operation operation, Status status,
    List<CollectionOutcome> collections, String error, ManualTask manualTask) {

  /**
   * {@code HANDLED_WITH_CONTROLLER}: a processor store, not touched (the customer who is controller decides);
   * {@code KEPT_ON_HOLD}: a store the DPO keeps whole for this request (legal hold). Neither calls the store.
   */
  public enum Status { OK, FAILED, MANUAL_PENDING, HANDLED_WITH_CONTROLLER, KEPT_ON_HOLD }

  /** The pending (or answered) task of a manual store. */
  public record ManualTask(long actionId, String instructions, String answer) {
  }

  public StoreOutcome {
    collections = List.copyOf(collections);
  }

  public static StoreOutcome ok(RequestRef request, String store, Operation operation,
      List<CollectionOutcome> collections) {
    return new StoreOutcome(request, store, operation, Status.OK, collections, null, null);
  }

  public static StoreOutcome failed(RequestRef request, String store, Operation operation, String error) {
    return new StoreOutcome(request, store, operation, Status.FAILED, List.of(), error, null);
  }

  public boolean ok() {
    return status == Status.OK;
  }

  public long found() {
    return collections.stream().mapToLong(CollectionOutcome::found).sum();
  }

  public boolean changedAnything() {
    return collections.stream().anyMatch(CollectionOutcome::changedAnything);
  }

  /** One line for the audit trail. */
  public String summary() {
    var head = operation.yamlName() + " " + store + " " + status;
    return switch (status) {
      case FAILED -> head + ": " + error;
      case MANUAL_PENDING -> head + ": manual action " + manualTask.actionId() + " waits for the DPO";
      case HANDLED_WITH_CONTROLLER, KEPT_ON_HOLD -> head;
      case OK -> head + (collections.isEmpty() ? "" : ": " + collections.stream().map(CollectionOutcome::summary)
          .collect(Collectors.joining("; ")));
    };
  }
}
