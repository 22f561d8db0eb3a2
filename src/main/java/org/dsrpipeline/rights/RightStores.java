package org.dsrpipeline.rights;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.dsrpipeline.datamap.DataCollection;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.LegalBasis;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Role;
import org.dsrpipeline.datamap.Store;
import org.springframework.stereotype.Component;

/**
 * Which stores a right acts on, as the data map says: the collections of the rights' per-store steps (bean
 * {@code rightStores} in the diagrams' multi-instance expressions). Only stores held as controller: a processor
 * store is handled with its controller and left untouched here.
 */
@Component("rightStores")
public class RightStores {

  private final DataMap map;
  private final StoreWork work;

  RightStores(DataMap map, StoreWork work) {
    this.map = map;
    this.work = work;
  }

  /** Every controller store (restriction: kept, but not used, everywhere). */
  public List<String> controllerStores() {
    return names(store -> true);
  }

  /** Controller stores with a marketing setting in some collection (objection to direct marketing). */
  public List<String> withMarketing() {
    return names(store -> store.collections().stream().anyMatch(c -> c.marketing() != null));
  }

  /** Controller stores holding a collection processed on {@code legalBasis} (e.g. LEGITIMATE_INTERESTS). */
  public List<String> withLegalBasis(String legalBasis) {
    var basis = LegalBasis.valueOf(legalBasis);
    return names(store -> store.collections().stream().map(DataCollection::legalBasis).anyMatch(basis::equals));
  }

  /** The stores an operation was run on for the request (e.g. the RESTRICT ones, to unrestrict them). */
  public List<String> actedOn(String reference, String operation) {
    var op = Operation.valueOf(operation);
    return work.outcomes(reference).stream().filter(o -> o.operation().equals(op.name()))
        .map(RecordedOutcome::store).distinct().toList();
  }

  /** A comma-separated list of store names kept in a variable (store names are not personal data). */
  public List<String> split(String names) {
    return names == null || names.isBlank() ? List.of()
        : Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private List<String> names(Predicate<Store> which) {
    return map.stores().stream().filter(s -> s.role() == Role.CONTROLLER).filter(which).map(Store::name).toList();
  }
}
