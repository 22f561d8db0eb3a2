package org.dsrpipeline.connector;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.dsrpipeline.datamap.IdentityGraph;
import org.dsrpipeline.datamap.IdentitySource;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.SubjectIdentities;

/**
 * Every store's connector by store name, in the data map's order. The operations over all stores run
 * each store on its own: one that fails is reported FAILED and the others carry on.
 */
public final class ConnectorRegistry {

  private final Map<String, Connector> connectors = new LinkedHashMap<>();
  private final IdentityGraph graph;

  public ConnectorRegistry(List<Connector> connectors, IdentityGraph graph) {
    connectors.forEach(c -> this.connectors.put(c.name(), c));
    this.graph = graph;
  }

  public Connector connector(String store) {
    var connector = connectors.get(store);
    if (connector == null) {
      throw new NoSuchElementException("No store '" + store + "' in the data map (stores: "
          + String.join(", ", connectors.keySet()) + ")");
    }
    return connector;
  }

  public List<Connector> connectors() {
    return List.copyOf(connectors.values());
  }

  /**
   * The subject's identities followed across every store to a fixpoint. Resolve once, before acting: an
   * erasure removes the links (a pseudonymised email no longer leads to the customer id).
   */
  public IdentityGraph.Result resolve(SubjectIdentities given) {
    return graph.resolve(given, connectors());
  }

  /** Like {@link #resolve(SubjectIdentities)}, telling {@code linkedBy} which store answered which values. */
  public IdentityGraph.Result resolve(SubjectIdentities given, BiConsumer<String, SubjectIdentities> linkedBy) {
    var sources = connectors.values().stream().<IdentitySource>map(connector -> new IdentitySource() {
      @Override
      public String name() {
        return connector.name();
      }

      @Override
      public SubjectIdentities identitiesLinkedTo(SubjectIdentities known) throws Exception {
        var found = connector.identitiesLinkedTo(known);
        linkedBy.accept(connector.name(), found);
        return found;
      }
    }).toList();
    return graph.resolve(given, sources);
  }

  public List<StoreOutcome> find(RequestRef request, SubjectIdentities subject) {
    return each(Operation.FIND, request, c -> c.find(request, subject));
  }

  public List<StoreOutcome> export(RequestRef request, SubjectIdentities subject, RecordSink sink) {
    return each(Operation.EXPORT, request, c -> c.export(request, subject, sink));
  }

  public List<StoreOutcome> rectify(RequestRef request, SubjectIdentities subject, List<Correction> corrections) {
    return each(Operation.RECTIFY, request, c -> c.rectify(request, subject, corrections));
  }

  public List<StoreOutcome> erase(RequestRef request, SubjectIdentities subject) {
    return each(Operation.ERASE, request, c -> c.erase(request, subject));
  }

  public List<StoreOutcome> restrict(RequestRef request, SubjectIdentities subject) {
    return each(Operation.RESTRICT, request, c -> c.restrict(request, subject));
  }

  public List<StoreOutcome> unrestrict(RequestRef request, SubjectIdentities subject) {
    return each(Operation.UNRESTRICT, request, c -> c.unrestrict(request, subject));
  }

  public List<StoreOutcome> suppressMarketing(RequestRef request, SubjectIdentities subject) {
    return each(Operation.SUPPRESS_MARKETING, request, c -> c.suppressMarketing(request, subject));
  }

  private List<StoreOutcome> each(Operation operation, RequestRef request, Function<Connector, StoreOutcome> work) {
    var outcomes = new ArrayList<StoreOutcome>();
    for (var connector : connectors.values()) {
      try {
        outcomes.add(work.apply(connector));
      } catch (UncheckedIOException writingTheExportFailed) {
        throw writingTheExportFailed;
      } catch (RuntimeException e) {
        outcomes.add(StoreOutcome.failed(request, connector.name(), operation, "store " + connector.name() + ": "
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
      }
    }
    return outcomes;
  }
}
