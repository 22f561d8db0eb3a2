package org.dsrpipeline.rights;

import java.util.Arrays;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.dsrpipeline.connector.Scope;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The part of each store an operation of a request is limited to ({@code dsr_operation_scope}): an objection to
 * processing on legitimate interests restricts only the collections processed on that basis, a withdrawal of
 * consent only those processed on consent. Written when the stores are chosen, read by {@link StoreWork} when the
 * store's step runs; without a scope, the operation concerns the whole store. Collection names and controller
 * customer numbers only.
 */
@Service
public class OperationScopes {

  private final JdbcTemplate jdbc;
  private final DataSubjectRequestRepository requests;

  OperationScopes(JdbcTemplate jdbc, DataSubjectRequestRepository requests) {
    this.jdbc = jdbc;
    this.requests = requests;
  }

  /** Limits the request's operation in each store to its scope; a second call replaces the first. */
  @Transactional
  public void limit(String reference, Operation operation, Map<String, Scope> scopeByStore) {
    var request = requestId(reference);
    scopeByStore.forEach((store, scope) -> {
      if (scope.isWholeStore() || isEmpty(scope.collections()) || isEmpty(scope.controllers())) {
        throw new IllegalArgumentException("A scope of store " + store + " names at least one collection or "
            + "controller of each kind it limits");
      }
      jdbc.update("delete from dsr_operation_scope where request_id = ? and store_name = ? and operation = ?", request,
          store, operation.name());
      jdbc.update("insert into dsr_operation_scope (request_id, store_name, operation, collections, controllers) "
          + "values (?, ?, ?, ?, ?)", request, store, operation.name(), joined(scope.collections()),
          joined(scope.controllers()));
    });
  }

  /**
   * Adds a controller customer to those the request's operation in a store held as processor acts for (its
   * instruction to carry the right out): the later passes of the operation (an erasure's, once retention ends) then
   * act on its records too, and on no other controller's. Idempotent.
   */
  @Transactional
  public void includeController(String reference, String store, Operation operation, String controller) {
    var current = scope(reference, store, operation);
    var controllers = new TreeSet<String>(current.controllers() == null ? Set.of() : current.controllers());
    controllers.add(controller);
    var request = requestId(reference);
    jdbc.update("delete from dsr_operation_scope where request_id = ? and store_name = ? and operation = ?", request,
        store, operation.name());
    jdbc.update("insert into dsr_operation_scope (request_id, store_name, operation, collections, controllers) "
        + "values (?, ?, ?, ?, ?)", request, store, operation.name(), joined(current.collections()),
        joined(controllers));
  }

  /** The part of the store the request's operation is limited to; {@link Scope#WHOLE_STORE} without a limit. */
  public Scope scope(String reference, String store, Operation operation) {
    return jdbc.query("select collections, controllers from dsr_operation_scope where request_id = ? and "
        + "store_name = ? and operation = ?", (rs, n) -> new Scope(split(rs.getString(1)), split(rs.getString(2))),
        requestId(reference), store, operation.name()).stream().findFirst().orElse(Scope.WHOLE_STORE);
  }

  private static boolean isEmpty(Set<String> names) {
    return names != null && names.isEmpty();
  }

  private static String joined(Set<String> names) {
    return names == null ? null : String.join(",", new TreeSet<>(names));
  }

  private static Set<String> split(String names) {
    return names == null ? null : Set.copyOf(Arrays.asList(names.split(",")));
  }

  private long requestId(String reference) {
    return requests.findByReference(reference).orElseThrow(() -> new NoSuchElementException("No request " + reference))
        .id();
  }
}
