package org.dsrpipeline.datamap;

import java.util.List;
import java.util.Optional;

/**
 * Every store that holds personal data, as the data map file describes it, and where the controller customers'
 * contacts are ({@code controllers}; null when the map does not say). Built only by {@link DataMapLoader}.
 */
public record DataMap(String source, List<Store> stores, ControllerContacts controllers) {

  public DataMap {
    stores = List.copyOf(stores);
  }

  public DataMap(String source, List<Store> stores) {
    this(source, stores, null);
  }

  public Optional<ControllerContacts> controllerContacts() {
    return Optional.ofNullable(controllers);
  }

  public Optional<Store> store(String name) {
    return stores.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
