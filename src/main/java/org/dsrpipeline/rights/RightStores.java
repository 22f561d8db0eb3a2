package org.dsrpipeline.rights;

import java.util.List;
import org.dsrpipeline.connector.Connector;
import org.dsrpipeline.connector.ConnectorRegistry;
import org.dsrpipeline.datamap.DataCollection;
import org.dsrpipeline.datamap.LegalBasis;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Role;
import org.dsrpipeline.datamap.Store;
import org.dsrpipeline.datamap.StoreKind;
import org.springframework.stereotype.Service;

/**
 * Which stores a right acts on, by name (store names are not personal data), in the data map's order:
 * the stores held as controller that have something the operation applies to. Stores held as processor
 * are not touched by the rights yet: their customers are controllers ({@link #processorStores}).
 */
@Service
public class RightStores {

  private final ConnectorRegistry registry;

  RightStores(ConnectorRegistry registry) {
    this.registry = registry;
  }

  public List<String> controllerStores(Operation operation) {
    return stores().filter(s -> s.role() == Role.CONTROLLER).filter(s -> applies(s, operation)).map(Store::name)
        .toList();
  }

  /** The controller stores the operation applies to that hold a collection processed on {@code basis}. */
  public List<String> controllerStores(Operation operation, LegalBasis basis) {
    return stores().filter(s -> s.role() == Role.CONTROLLER).filter(s -> applies(s, operation))
        .filter(s -> s.collections().stream().map(DataCollection::legalBasis).anyMatch(basis::equals))
        .map(Store::name).toList();
  }

  /** The names of the store's collections processed on {@code basis}. */
  public List<String> collectionsOn(String store, LegalBasis basis) {
    return store(store).collections().stream().filter(c -> c.legalBasis() == basis).map(DataCollection::name).toList();
  }

  /**
   * Portability (GDPR Art. 20(1)): the store's collections processed on consent or contract, unless the data map
   * opts a collection out ({@code portable: false}).
   */
  public List<String> portableCollections(String store) {
    return store(store).collections().stream().filter(DataCollection::portable).filter(c -> c.legalBasis()
        == LegalBasis.CONSENT || c.legalBasis() == LegalBasis.CONTRACT).map(DataCollection::name).toList();
  }

  public List<String> processorStores() {
    return stores().filter(s -> s.role() == Role.PROCESSOR).map(Store::name).toList();
  }

  public Store store(String name) {
    return registry.connector(name).store();
  }

  /** RESTRICT / UNRESTRICT: a collection that can be restricted; SUPPRESS_MARKETING: a marketing setting; else any. */
  private static boolean applies(Store store, Operation operation) {
    return switch (operation) {
      case RESTRICT, UNRESTRICT -> store.collections().stream().anyMatch(c -> c.restriction() != null)
          || store.kind() == StoreKind.MANUAL;
      case SUPPRESS_MARKETING -> store.collections().stream().map(DataCollection::marketing)
          .anyMatch(java.util.Objects::nonNull) || store.kind() == StoreKind.MANUAL;
      default -> true;
    };
  }

  private java.util.stream.Stream<Store> stores() {
    return registry.connectors().stream().map(Connector::store);
  }
}
