package org.dsrpipeline.datamap;

import java.util.List;
import java.util.Optional;

/** Every store that holds personal data, as the data map file describes it. Built only by {@link DataMapLoader}. */
public record DataMap(String source, List<Store> stores) {

  public DataMap {
    stores = List.copyOf(stores);
  }

  public Optional<Store> store(String name) {
    return stores.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
