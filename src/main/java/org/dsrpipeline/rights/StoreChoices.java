package org.dsrpipeline.rights;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dsrpipeline.connector.Scope;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.LegalBasis;
import org.dsrpipeline.datamap.Operation;
import org.springframework.stereotype.Service;

/**
 * The stores a step of restriction or objection runs over ({@code stores}): chosen from the data map
 * ({@link RightStores}), or from what was done before for the same request.
 */
@Service
public class StoreChoices {

  /** Which stores: every controller store the operation applies to, those on legitimate interests, or those restricted. */
  public enum Selection { CONTROLLER, LEGITIMATE_INTERESTS, RESTRICTED }

  private final RightStores stores;
  private final StoreWork work;
  private final OperationScopes scopes;

  StoreChoices(RightStores stores, StoreWork work, OperationScopes scopes) {
    this.stores = stores;
    this.work = work;
    this.scopes = scopes;
  }

  /**
   * The store names; for an export of every controller store, the processor stores are recorded
   * HANDLED_WITH_CONTROLLER (left untouched: their customers decide; a restriction asks them afterwards). The stores on legitimate interests are
   * limited to the collections on that basis ({@link OperationScopes}).
   */
  public List<String> choose(String reference, Operation operation, Selection selection) {
    return switch (selection) {
      case CONTROLLER -> {
        // a restriction asks the controller customers afterwards (rights/controllers): not recorded here
        if (operation == Operation.EXPORT) {
          stores.processorStores().forEach(store -> work.recordNotActedOn(reference, store, operation, 1,
              StoreOutcome.Status.HANDLED_WITH_CONTROLLER, "held as processor: given to the subject by the "
                  + "controller (the customer that sent the data), not by us"));
        }
        yield stores.controllerStores(operation);
      }
      case LEGITIMATE_INTERESTS -> {
        var chosen = stores.controllerStores(operation, LegalBasis.LEGITIMATE_INTERESTS);
        scopes.limit(reference, operation, chosen.stream().collect(Collectors.toMap(name -> name,
            name -> Scope.collections(Set.copyOf(stores.collectionsOn(name, LegalBasis.LEGITIMATE_INTERESTS))))));
        yield chosen;
      }
      case RESTRICTED -> work.outcomes(reference).stream()
          .filter(o -> o.operation().equals(Operation.RESTRICT.name()))
          .filter(o -> !"HANDLED_WITH_CONTROLLER".equals(o.status()))
          .map(RecordedOutcome::store).distinct().toList();
    };
  }
}
