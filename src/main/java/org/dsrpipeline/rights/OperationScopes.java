package org.dsrpipeline.rights;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The collections an operation of a request is limited to, per store ({@code dsr_operation_scope}): an objection to
 * processing on legitimate interests restricts only the collections processed on that basis, a withdrawal of
 * consent only those processed on consent. Written when the stores are chosen, read by {@link StoreWork} when the
 * store's step runs; without a scope, the operation concerns the whole store. Collection names only.
 */
@Service
public class OperationScopes {

  private final JdbcTemplate jdbc;
  private final DataSubjectRequestRepository requests;

  OperationScopes(JdbcTemplate jdbc, DataSubjectRequestRepository requests) {
    this.jdbc = jdbc;
    this.requests = requests;
  }

  /** Limits the request's operation in each store to the given collections; a second call replaces the first. */
  @Transactional
  public void limit(String reference, Operation operation, Map<String, ? extends Collection<String>> collectionsByStore) {
    var request = requestId(reference);
    collectionsByStore.forEach((store, collections) -> {
      if (collections.isEmpty()) {
        throw new IllegalArgumentException("A scope names at least one collection of store " + store);
      }
      jdbc.update("delete from dsr_operation_scope where request_id = ? and store_name = ? and operation = ?", request,
          store, operation.name());
      jdbc.update("insert into dsr_operation_scope (request_id, store_name, operation, collections) values (?, ?, ?, ?)",
          request, store, operation.name(), String.join(",", new LinkedHashSet<>(collections)));
    });
  }

  /** The collections the request's operation is limited to in the store; empty: the whole store. */
  public Optional<Set<String>> collections(String reference, String store, Operation operation) {
    return jdbc.queryForList("select collections from dsr_operation_scope where request_id = ? and store_name = ? and "
        + "operation = ?", String.class, requestId(reference), store, operation.name()).stream().findFirst()
        .map(names -> Set.copyOf(Arrays.asList(names.split(","))));
  }

  private long requestId(String reference) {
    return requests.findByReference(reference).orElseThrow(() -> new NoSuchElementException("No request " + reference))
        .id();
  }
}
