package org.dsrpipeline.workflow;

import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code ${storeNames.of(stores)}}: the collection a multi-instance step runs over, from the {@code stores}
 * variable (a comma-separated String: a List variable would be Java-serialised, which the engine must not hold).
 */
@Component("storeNames")
public class StoreNames {

  /** The ids of the controller customers asked ({@code controllerRequests}), as numbers (the answers correlate on them). */
  public List<Long> ids(String ids) {
    return of(ids).stream().map(Long::valueOf).toList();
  }

  public List<String> of(String stores) {
    return stores == null || stores.isBlank() ? List.of()
        : Arrays.stream(stores.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
