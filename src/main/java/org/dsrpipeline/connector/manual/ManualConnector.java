package org.dsrpipeline.connector.manual;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dsrpipeline.connector.Connector;
import org.dsrpipeline.connector.Correction;
import org.dsrpipeline.connector.RecordSink;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.Scope;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Store;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.springframework.dao.DataAccessException;

/**
 * A store only a person can act on (a paper archive, a vendor reached by email). Every operation opens
 * one manual action per request with the map's instructions filled in, and answers MANUAL_PENDING until
 * the DPO records the outcome: then OK (done) or FAILED (not possible, with the DPO's answer).
 * It takes no part in the identity graph: no program can read it.
 */
public final class ManualConnector implements Connector {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private final Store store;
  private final ManualActions actions;

  public ManualConnector(Store store, ManualActions actions) {
    this.store = store;
    this.actions = actions;
  }

  @Override
  public Store store() {
    return store;
  }

  @Override
  public SubjectIdentities identitiesLinkedTo(SubjectIdentities known) {
    return SubjectIdentities.none();
  }

  @Override
  public StoreOutcome find(RequestRef request, SubjectIdentities subject) {
    return act(request, Operation.FIND, subject, List.of());
  }

  @Override
  public StoreOutcome export(RequestRef request, SubjectIdentities subject, RecordSink sink) {
    return act(request, Operation.EXPORT, subject, List.of());
  }

  @Override
  public StoreOutcome rectify(RequestRef request, SubjectIdentities subject, List<Correction> corrections) {
    return act(request, Operation.RECTIFY, subject, corrections);
  }

  @Override
  public StoreOutcome erase(RequestRef request, SubjectIdentities subject) {
    return act(request, Operation.ERASE, subject, List.of());
  }

  @Override
  public StoreOutcome restrict(RequestRef request, SubjectIdentities subject) {
    return act(request, Operation.RESTRICT, subject, List.of());
  }

  /** A person acts on the whole store: the instructions name the store, not its collections or controllers. */
  @Override
  public Connector within(Scope scope) {
    return this;
  }

  @Override
  public Map<String, Map<String, Object>> readByKey(String collection, Set<String> keys, List<String> fields) {
    throw new UnsupportedOperationException("store " + store.name() + ": records are read by key in jdbc stores only");
  }

  @Override
  public StoreOutcome unrestrict(RequestRef request, SubjectIdentities subject) {
    return act(request, Operation.UNRESTRICT, subject, List.of());
  }

  @Override
  public StoreOutcome suppressMarketing(RequestRef request, SubjectIdentities subject) {
    return act(request, Operation.SUPPRESS_MARKETING, subject, List.of());
  }

  private StoreOutcome act(RequestRef request, Operation operation, SubjectIdentities subject,
      List<Correction> corrections) {
    ManualAction action;
    try {
      action = actions.open(request, store.name(), operation, instructions(request, operation, subject, corrections));
    } catch (DataAccessException e) {
      return StoreOutcome.failed(request, store.name(), operation, "store " + store.name()
          + ": cannot record the manual action (" + e.getMostSpecificCause().getClass().getSimpleName() + ")");
    }
    var task = new StoreOutcome.ManualTask(action.id(), action.instructions(), action.answer());
    return switch (action.status()) {
      case PENDING -> new StoreOutcome(request, store.name(), operation, StoreOutcome.Status.MANUAL_PENDING, List.of(),
          null, task);
      case DONE -> new StoreOutcome(request, store.name(), operation, StoreOutcome.Status.OK, List.of(), null, task);
      case NOT_POSSIBLE -> new StoreOutcome(request, store.name(), operation, StoreOutcome.Status.FAILED, List.of(),
          "store " + store.name() + ": " + action.answeredBy() + " answered that it cannot be done: " + action.answer(),
          task);
    };
  }

  /** The map's instructions for the operation, with {reference}, {store}, {corrections} and identities filled in. */
  String instructions(RequestRef request, Operation operation, SubjectIdentities subject,
      List<Correction> corrections) {
    var values = new HashMap<String, String>();
    values.put("reference", request.value());
    values.put("store", store.name());
    values.put("corrections", corrections.isEmpty() ? "(none)" : corrections.stream()
        .map(c -> c.field() + " = \"" + c.value() + "\"").collect(Collectors.joining("; ")));
    for (var type : IdentityType.values()) {
      var given = subject.of(type);
      values.put(type.yamlName(), given.isEmpty() ? "(not known)" : String.join(", ", given));
    }
    var matcher = PLACEHOLDER.matcher(store.instructionsFor(operation));
    var text = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(text, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), matcher.group())));
    }
    matcher.appendTail(text);
    return text.toString();
  }
}
