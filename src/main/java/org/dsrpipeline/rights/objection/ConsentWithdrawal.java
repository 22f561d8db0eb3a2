package org.dsrpipeline.rights.objection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.dsrpipeline.connector.Scope;
import org.dsrpipeline.datamap.DataCollection;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.LegalBasis;
import org.dsrpipeline.datamap.Role;
import org.dsrpipeline.datamap.Store;
import org.springframework.stereotype.Component;

/**
 * Withdrawal of consent (Art. 7(3)): what happens to the collections processed on consent, per store. The
 * decision per collection is the DMN's (processes/rights/consent-withdrawal.dmn: RESTRICT or ERASE); a store is
 * erased only when every one of its collections rests on consent and is to be erased, because an erasure acts on
 * the whole store: a store that also holds data on another basis is restricted instead.
 */
@Component
public class ConsentWithdrawal {

  public enum Action { RESTRICT, ERASE }

  /**
   * Store names by action, and one line per collection for the evidence trail; {@code restrictCollections}: per store
   * to restrict, its collections processed on consent (the only ones restricted: the store's others stay as they are).
   */
  public record Plan(List<String> restrict, List<String> erase, List<String> decisions,
      Map<String, Scope> restrictCollections) {

    public String summary() {
      return "Consent withdrawn: " + String.join("; ", decisions) + ". Restrict: " + join(restrict) + "; erase: "
          + join(erase);
    }

    private static String join(List<String> stores) {
      return stores.isEmpty() ? "(none)" : String.join(", ", stores);
    }
  }

  private final DataMap map;

  public ConsentWithdrawal(DataMap map) {
    this.map = map;
  }

  /** {@code decide}: the DMN's action for one collection of one store. */
  public Plan plan(BiFunction<Store, DataCollection, String> decide) {
    var restrict = new ArrayList<String>();
    var restrictCollections = new LinkedHashMap<String, Scope>();
    var erase = new ArrayList<String>();
    var decisions = new ArrayList<String>();
    for (var store : map.stores()) {
      if (store.role() != Role.CONTROLLER) {
        continue;
      }
      var consent = store.collections().stream().filter(c -> c.legalBasis() == LegalBasis.CONSENT).toList();
      if (consent.isEmpty()) {
        continue;
      }
      var eraseAll = consent.size() == store.collections().size();
      for (var collection : consent) {
        var action = Action.valueOf(decide.apply(store, collection).strip().toUpperCase(Locale.ROOT));
        decisions.add(store.name() + "." + collection.name() + " " + action);
        eraseAll &= action == Action.ERASE;
      }
      (eraseAll ? erase : restrict).add(store.name());
      if (!eraseAll) {
        restrictCollections.put(store.name(), Scope.collections(consent.stream().map(DataCollection::name)
            .collect(Collectors.toSet())));
      }
    }
    return new Plan(List.copyOf(restrict), List.copyOf(erase), List.copyOf(decisions),
        Collections.unmodifiableMap(restrictCollections));
  }
}
