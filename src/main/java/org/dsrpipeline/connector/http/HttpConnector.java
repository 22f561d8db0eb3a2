package org.dsrpipeline.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsrpipeline.connector.CollectionOutcome;
import org.dsrpipeline.connector.Connector;
import org.dsrpipeline.connector.Correction;
import org.dsrpipeline.connector.RecordSink;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.Scope;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.connector.http.HttpStoreClient.RecordHandler;
import org.dsrpipeline.connector.http.HttpStoreClient.StoreCallException;
import org.dsrpipeline.datamap.DataCollection;
import org.dsrpipeline.datamap.ErasureAction;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.datamap.Store;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.datamap.UrlTemplate;

/**
 * A store behind a REST API, described by URL templates in the data map. A search may answer more than
 * the subject (many APIs match by prefix or substring): only records whose identity fields equal one of
 * the subject's normalised identities are used. Records are addressed by the collection's key through
 * {@code {id}}. Before changing anything, the subject's records of a collection are listed first, because
 * deleting while paging by page number would skip records.
 */
public final class HttpConnector implements Connector {

  private final Store store;
  private final HttpStoreClient client;
  private final Pseudonymiser pseudonymiser;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  private final Scope scope;

  public HttpConnector(Store store, HttpClient httpClient, Pseudonymiser pseudonymiser, Clock clock) {
    this(store, new HttpStoreClient(store.name(), store.http(), httpClient), pseudonymiser, clock, Scope.WHOLE_STORE);
  }

  private HttpConnector(Store store, HttpStoreClient client, Pseudonymiser pseudonymiser, Clock clock, Scope scope) {
    this.store = store;
    this.client = client;
    this.pseudonymiser = pseudonymiser;
    this.clock = clock;
    this.scope = scope;
  }

  @Override
  public void checkReachable() throws Exception {
    client.ping();
  }

  @Override
  public Connector within(Scope scope) {
    return new HttpConnector(store, client, pseudonymiser, clock, scope);
  }

  @Override
  public Map<String, Map<String, Object>> readByKey(String collection, Set<String> keys, List<String> fields) {
    throw new UnsupportedOperationException("store " + store.name() + ": records are read by key in jdbc stores only");
  }

  @Override
  public Store store() {
    return store;
  }

  @Override
  public SubjectIdentities identitiesLinkedTo(SubjectIdentities known) throws StoreCallException {
    var found = new HashMap<IdentityType, Set<String>>();
    for (var collection : store.collections()) {
      var identityFields = collection.identityFields();
      matching(collection, known, record -> {
        for (var field : identityFields) {
          var value = text(record.get(field.name()));
          if (value != null && !Pseudonymiser.isPseudonym(value)) {
            found.computeIfAbsent(field.identity(), t -> new HashSet<>()).add(value);
          }
        }
      });
    }
    return new SubjectIdentities(found);
  }

  @Override
  public StoreOutcome find(RequestRef request, SubjectIdentities subject) {
    return run(request, Operation.FIND, collection -> {
      var count = new long[1];
      var controllers = new LinkedHashMap<String, Long>();
      matching(collection, subject, record -> {
        count[0]++;
        if (collection.controllerField() != null) {
          controllers.merge(String.valueOf(text(record.get(collection.controllerField()))), 1L, Long::sum);
        }
      });
      return CollectionOutcome.found(collection.name(), count[0], controllers);
    });
  }

  @Override
  public StoreOutcome export(RequestRef request, SubjectIdentities subject, RecordSink sink) {
    return run(request, Operation.EXPORT, collection -> {
      var count = new long[1];
      var export = collection.endpoints().export();
      matching(collection, subject, record -> {
        var full = export == null ? record : client.expect(export, call(export, record, collection), null);
        var values = new LinkedHashMap<String, Object>();
        for (var field : collection.fields()) {
          values.put(field.name(), plain(full.get(field.name())));
        }
        sink.accept(store.name(), collection.name(), values);
        count[0]++;
      });
      return CollectionOutcome.found(collection.name(), count[0], null);
    });
  }

  @Override
  public StoreOutcome erase(RequestRef request, SubjectIdentities subject) {
    var now = clock.instant();
    return run(request, Operation.ERASE, collection -> {
      var records = list(collection, subject);
      var retention = collection.retention();
      long deleted = 0;
      long blanked = 0;
      long pseudonymised = 0;
      long kept = 0;
      Instant latestKept = null;
      for (var record : records) {
        if (retention != null) {
          var start = instant(record.get(retention.from()), collection);
          if (retention.holds(start, now)) {
            kept++;
            latestKept = latestKept == null || start.isAfter(latestKept) ? start : latestKept;
            continue;
          }
        }
        if (collection.deletesRows()) {
          var delete = collection.endpoints().delete();
          var response = client.call(delete, call(delete, record, collection), null);
          if (response.ok()) {
            deleted++;
          } else if (response.status() != 404) {
            throw new StoreCallException("store " + store.name() + ": " + delete + " answered " + response.status());
          }
          continue;
        }
        var changes = new LinkedHashMap<String, Object>();
        var blankedHere = false;
        var pseudonymisedHere = false;
        for (var field : collection.fields()) {
          var current = text(record.get(field.name()));
          if (field.erasure() == ErasureAction.BLANK && current != null) {
            changes.put(field.name(), null);
            blankedHere = true;
          } else if (field.erasure() == ErasureAction.PSEUDONYMISE && current != null
              && !Pseudonymiser.isPseudonym(current)) {
            changes.put(field.name(), pseudonymiser.pseudonym(field.isIdentity() ? field.identity().normalise(current)
                : current));
            pseudonymisedHere = true;
          }
        }
        if (!changes.isEmpty()) {
          var update = collection.endpoints().update();
          client.expect(update, call(update, record, collection), changes);
          blanked += blankedHere ? 1 : 0;
          pseudonymised += pseudonymisedHere ? 1 : 0;
        }
      }
      return new CollectionOutcome(collection.name(), records.size(), deleted, blanked, pseudonymised, kept, 0, 0,
          kept > 0 ? retention.reason() : null, kept > 0 ? retention.until(latestKept) : null, null,
          records.size() > kept && !collection.deletesRows() ? CollectionOutcome.fieldsKeptNote(collection) : null);
    });
  }

  @Override
  public StoreOutcome rectify(RequestRef request, SubjectIdentities subject, List<Correction> corrections) {
    return run(request, Operation.RECTIFY, collection -> {
      var wanted = new LinkedHashMap<String, String>();
      for (var field : collection.fields()) {
        corrections.stream().filter(c -> c.targets(store.name(), collection.name(), field.name()))
            .reduce((first, second) -> second)
            .ifPresent(c -> wanted.put(field.name(), field.isIdentity() ? field.identity().normalise(c.value())
                : c.value()));
      }
      if (wanted.isEmpty()) {
        return null;
      }
      var update = collection.endpoints().update();
      if (update == null) {
        return CollectionOutcome.note(collection.name(), "no update call in the data map: correct it by hand");
      }
      long updated = 0;
      var records = list(collection, subject);
      for (var record : records) {
        var changes = new LinkedHashMap<String, Object>();
        wanted.forEach((field, value) -> {
          if (!value.equals(text(record.get(field)))) {
            changes.put(field, value);
          }
        });
        if (!changes.isEmpty()) {
          client.expect(update, call(update, record, collection), changes);
          updated++;
        }
      }
      return new CollectionOutcome(collection.name(), records.size(), 0, 0, 0, 0, 0, updated, null, null, null, null);
    });
  }

  @Override
  public StoreOutcome restrict(RequestRef request, SubjectIdentities subject) {
    return mark(request, Operation.RESTRICT, subject);
  }

  @Override
  public StoreOutcome unrestrict(RequestRef request, SubjectIdentities subject) {
    return mark(request, Operation.UNRESTRICT, subject);
  }

  private StoreOutcome mark(RequestRef request, Operation operation, SubjectIdentities subject) {
    var restrict = operation == Operation.RESTRICT;
    return run(request, operation, collection -> {
      var restriction = collection.restriction();
      if (restriction == null) {
        return null;
      }
      var template = restrict ? restriction.restrict() : restriction.unrestrict();
      var records = list(collection, subject);
      long changed = 0;
      for (var record : records) {
        if (restriction.field() != null && restrict == isTrue(record.get(restriction.field()))) {
          continue;
        }
        client.expect(template, call(template, record, collection), null);
        changed++;
      }
      return new CollectionOutcome(collection.name(), records.size(), 0, 0, 0, 0, restrict ? changed : 0,
          restrict ? 0 : changed, null, null, null, null);
    });
  }

  @Override
  public StoreOutcome suppressMarketing(RequestRef request, SubjectIdentities subject) {
    return run(request, Operation.SUPPRESS_MARKETING, collection -> {
      var marketing = collection.marketing();
      if (marketing == null) {
        return null;
      }
      var records = list(collection, subject);
      long changed = 0;
      for (var record : records) {
        if (marketing.field() != null
            && String.valueOf(marketing.value()).equals(text(record.get(marketing.field())))) {
          continue;
        }
        client.expect(marketing.suppress(), call(marketing.suppress(), record, collection), null);
        changed++;
      }
      return new CollectionOutcome(collection.name(), records.size(), 0, 0, 0, 0, 0, changed, null, null, null, null);
    });
  }

  // ---- records ----

  /** Hands each of the subject's records of a collection to {@code handler} once, whichever searches found it. */
  private void matching(DataCollection collection, SubjectIdentities subject, RecordHandler handler)
      throws StoreCallException {
    var seen = new HashSet<String>();
    for (var search : collection.endpoints().search()) {
      var type = search.placeholders().stream().filter(p -> !p.equals("page")).findFirst()
          .flatMap(IdentityType::named).orElseThrow();
      for (var value : subject.of(type)) {
        client.search(search, Map.of(type.yamlName(), value), record -> {
          if (belongsTo(collection, record, subject) && inScope(collection, record)
              && seen.add(collection.key() == null ? record.toString() : String.valueOf(text(record.get(collection.key()))))) {
            handler.accept(record);
          }
        });
      }
    }
  }

  private List<JsonNode> list(DataCollection collection, SubjectIdentities subject) throws StoreCallException {
    var records = new ArrayList<JsonNode>();
    matching(collection, subject, records::add);
    return records;
  }

  /** A record of a controller the scope does not name is left out, as if the search had not found it. */
  private boolean inScope(DataCollection collection, JsonNode record) {
    return scope.controllers() == null || scope.admitsController(text(record.get(collection.controllerField())));
  }

  private static boolean belongsTo(DataCollection collection, JsonNode record, SubjectIdentities subject) {
    for (var field : collection.identityFields()) {
      var value = text(record.get(field.name()));
      if (value != null && subject.has(field.identity(), value)) {
        return true;
      }
    }
    return false;
  }

  private URI call(UrlTemplate template, JsonNode record, DataCollection collection)
      throws StoreCallException {
    var id = text(record.get(collection.key()));
    if (id == null) {
      throw new StoreCallException("store " + store.name() + ": a record of " + collection.name() + " has no "
          + collection.key());
    }
    return template.expand(store.http().baseUrl(), Map.of("id", id));
  }

  private Instant instant(JsonNode value, DataCollection collection) throws StoreCallException {
    var text = text(value);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
          try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
          } catch (DateTimeParseException notDate) {
            throw new StoreCallException("store " + store.name() + ": " + collection.name() + "."
                + collection.retention().from() + " is not an ISO-8601 date or timestamp");
          }
        }
      }
    }
  }

  private static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    var text = value.asText();
    return text.isBlank() ? null : text;
  }

  private static boolean isTrue(JsonNode value) {
    return value != null && (value.asBoolean(false) || "true".equalsIgnoreCase(value.asText()));
  }

  private Object plain(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.numberValue();
    }
    return json.convertValue(value, Object.class);
  }

  // ---- running ----

  @FunctionalInterface
  private interface CollectionWork {

    /** Null when the operation does not concern the collection. */
    CollectionOutcome run(DataCollection collection) throws StoreCallException;
  }

  private StoreOutcome run(RequestRef request, Operation operation, CollectionWork work) {
    var outcomes = new ArrayList<CollectionOutcome>();
    try {
      for (var collection : store.collections()) {
        if (!scope.concerns(collection)) {
          continue;
        }
        var outcome = work.run(collection);
        if (outcome != null) {
          outcomes.add(outcome);
        }
      }
      return StoreOutcome.ok(request, store.name(), operation, outcomes);
    } catch (StoreCallException e) {
      return StoreOutcome.failed(request, store.name(), operation, e.getMessage());
    }
  }
}
