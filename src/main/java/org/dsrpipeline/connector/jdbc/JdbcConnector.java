package org.dsrpipeline.connector.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.dsrpipeline.connector.CollectionOutcome;
import org.dsrpipeline.connector.Connector;
import org.dsrpipeline.connector.Correction;
import org.dsrpipeline.connector.RecordSink;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.Scope;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.DataCollection;
import org.dsrpipeline.datamap.ErasureAction;
import org.dsrpipeline.datamap.Field;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.datamap.Store;
import org.dsrpipeline.datamap.SubjectIdentities;

/**
 * A store in any JDBC database. Table and column names come from the validated data map (plain
 * identifiers only); every identity value and new value is a statement parameter. Emails are compared
 * as {@code lower(column)}, so a database holding them in mixed case should index {@code lower(column)}.
 * Reads stream through a forward-only cursor with the map's fetch size (auto-commit off, which
 * PostgreSQL needs for a cursor); changes are sent in batches and committed once per collection.
 */
public final class JdbcConnector implements Connector {

  private static final int BATCH = 500;

  private final Store store;
  private final DataSource dataSource;
  private final Pseudonymiser pseudonymiser;
  private final Clock clock;
  private final Map<String, Map<String, Integer>> columnTypes;
  private final Scope scope;

  public JdbcConnector(Store store, DataSource dataSource, Pseudonymiser pseudonymiser, Clock clock) {
    this(store, dataSource, pseudonymiser, clock, new ConcurrentHashMap<>(), Scope.WHOLE_STORE);
  }

  private JdbcConnector(Store store, DataSource dataSource, Pseudonymiser pseudonymiser, Clock clock,
      Map<String, Map<String, Integer>> columnTypes, Scope scope) {
    this.columnTypes = columnTypes;
    this.scope = scope;
    this.store = store;
    this.dataSource = dataSource;
    this.pseudonymiser = pseudonymiser;
    this.clock = clock;
  }

  @Override
  public Store store() {
    return store;
  }

  @Override
  public void checkReachable() throws SQLException {
    try (var connection = dataSource.getConnection()) {
      if (!connection.isValid(5)) {
        throw new SQLException("the connection is not valid");
      }
    }
  }

  @Override
  public Connector within(Scope scope) {
    return new JdbcConnector(store, dataSource, pseudonymiser, clock, columnTypes, scope);
  }

  @Override
  public Map<String, Map<String, Object>> readByKey(String collectionName, Set<String> keys, List<String> fields) {
    var collection = store.collection(collectionName).orElseThrow(() -> new IllegalArgumentException("store "
        + store.name() + " has no collection " + collectionName));
    var found = new LinkedHashMap<String, Map<String, Object>>();
    if (keys.isEmpty()) {
      return found;
    }
    try (var connection = dataSource.getConnection()) {
      var type = columnTypes(connection, collection).get(collection.key());
      var typed = keys.stream().map(k -> JdbcValues.identityParameter(k, type)).filter(Objects::nonNull).toList();
      if (typed.isEmpty()) {
        return found;
      }
      var columns = new ArrayList<String>();
      columns.add(collection.key());
      fields.forEach(f -> columns.add(collection.field(f).orElseThrow(() -> new IllegalArgumentException(
          "collection " + collectionName + " has no field " + f)).name()));
      try (var statement = connection.prepareStatement("select " + String.join(", ", columns) + " from "
          + table(collection) + " where " + collection.key() + " in (" + typed.stream().map(k -> "?")
          .collect(Collectors.joining(", ")) + ")")) {
        for (int i = 0; i < typed.size(); i++) {
          statement.setObject(i + 1, typed.get(i));
        }
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            var record = new LinkedHashMap<String, Object>();
            for (int i = 1; i < columns.size(); i++) {
              record.put(columns.get(i), rows.getObject(i + 1));
            }
            found.put(String.valueOf(JdbcValues.identityText(rows.getObject(1))), record);
          }
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException(describe(e), e);
    }
  }

  @Override
  public SubjectIdentities identitiesLinkedTo(SubjectIdentities known) throws SQLException {
    var found = new HashMap<IdentityType, Set<String>>();
    try (var connection = dataSource.getConnection()) {
      for (var collection : store.collections()) {
        var identityFields = collection.identityFields();
        var match = match(connection, collection, known);
        if (identityFields.isEmpty() || match.isEmpty()) {
          continue;
        }
        var sql = "select distinct " + identityFields.stream().map(Field::name).collect(Collectors.joining(", "))
            + " from " + table(collection) + " where " + match.get().sql();
        try (var statement = connection.prepareStatement(sql)) {
          match.get().bind(statement, 1);
          try (var rows = statement.executeQuery()) {
            while (rows.next()) {
              for (int i = 0; i < identityFields.size(); i++) {
                var value = JdbcValues.identityText(rows.getObject(i + 1));
                if (value != null && !Pseudonymiser.isPseudonym(value)) {
                  found.computeIfAbsent(identityFields.get(i).identity(), t -> new HashSet<>()).add(value);
                }
              }
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new SQLException(describe(e), e.getSQLState(), e);
    }
    return new SubjectIdentities(found);
  }

  @Override
  public StoreOutcome find(RequestRef request, SubjectIdentities subject) {
    return each(request, Operation.FIND, (connection, collection) -> {
      var match = match(connection, collection, subject);
      if (match.isEmpty()) {
        return CollectionOutcome.found(collection.name(), 0, null);
      }
      var controller = collection.controllerField();
      var sql = controller == null
          ? "select count(*) from " + table(collection) + " where " + match.get().sql()
          : "select " + controller + ", count(*) from " + table(collection) + " where " + match.get().sql()
              + " group by " + controller;
      try (var statement = connection.prepareStatement(sql)) {
        match.get().bind(statement, 1);
        try (var rows = statement.executeQuery()) {
          long total = 0;
          var controllers = new LinkedHashMap<String, Long>();
          while (rows.next()) {
            if (controller == null) {
              total += rows.getLong(1);
            } else {
              var count = rows.getLong(2);
              total += count;
              controllers.merge(String.valueOf(JdbcValues.identityText(rows.getObject(1))), count, Long::sum);
            }
          }
          return CollectionOutcome.found(collection.name(), total, controllers);
        }
      }
    });
  }

  @Override
  public StoreOutcome export(RequestRef request, SubjectIdentities subject, RecordSink sink) {
    return each(request, Operation.EXPORT, (connection, collection) -> {
      var match = match(connection, collection, subject);
      long count = 0;
      if (match.isPresent()) {
        var names = collection.fields().stream().map(Field::name).toList();
        var sql = "select " + String.join(", ", names) + " from " + table(collection) + " where "
            + match.get().sql() + (collection.key() == null ? "" : " order by " + collection.key());
        try (var statement = cursor(connection, sql)) {
          match.get().bind(statement, 1);
          try (var rows = statement.executeQuery()) {
            while (rows.next()) {
              var record = new LinkedHashMap<String, Object>();
              for (int i = 0; i < names.size(); i++) {
                record.put(names.get(i), JdbcValues.exportable(rows.getObject(i + 1)));
              }
              sink.accept(store.name(), collection.name(), record);
              count++;
            }
          }
        }
        connection.commit();
      }
      return CollectionOutcome.found(collection.name(), count, null);
    });
  }

  @Override
  public StoreOutcome erase(RequestRef request, SubjectIdentities subject) {
    return each(request, Operation.ERASE, (connection, collection) -> erase(connection, collection, subject));
  }

  private CollectionOutcome erase(Connection connection, DataCollection collection, SubjectIdentities subject)
      throws SQLException {
    var match = match(connection, collection, subject);
    if (match.isEmpty()) {
      return CollectionOutcome.found(collection.name(), 0, null);
    }
    var deleteRows = collection.deletesRows();
    var changing = deleteRows ? List.<Field>of() : collection.fields().stream()
        .filter(f -> f.erasure() == ErasureAction.BLANK || f.erasure() == ErasureAction.PSEUDONYMISE).toList();
    var retention = collection.retention();
    var columns = new ArrayList<String>();
    columns.add(collection.key());
    if (retention != null) {
      columns.add(retention.from());
    }
    changing.forEach(f -> columns.add(f.name()));
    var select = "select " + String.join(", ", columns) + " from " + table(collection) + " where " + match.get().sql();
    var change = deleteRows
        ? "delete from " + table(collection) + " where " + collection.key() + " = ?"
        : "update " + table(collection) + " set " + changing.stream().map(f -> f.name() + " = ?")
            .collect(Collectors.joining(", ")) + " where " + collection.key() + " = ?";
    var now = clock.instant();
    long found = 0;
    long deleted = 0;
    long blanked = 0;
    long pseudonymised = 0;
    long kept = 0;
    Instant latestKept = null;
    try (var read = cursor(connection, select);
         var batch = new Batch(changing.isEmpty() && !deleteRows ? null : connection.prepareStatement(change))) {
      match.get().bind(read, 1);
      try (var rows = read.executeQuery()) {
        while (rows.next()) {
          found++;
          var key = rows.getObject(1);
          var offset = 2;
          if (retention != null) {
            var start = JdbcValues.instant(rows.getObject(offset++));
            if (retention.holds(start, now)) {
              kept++;
              latestKept = latestKept == null || start.isAfter(latestKept) ? start : latestKept;
              continue;
            }
          }
          if (deleteRows) {
            batch.add(key);
            deleted++;
            continue;
          }
          var values = new ArrayList<Object>();
          var blankedHere = false;
          var pseudonymisedHere = false;
          for (int i = 0; i < changing.size(); i++) {
            var field = changing.get(i);
            var current = rows.getObject(offset + i);
            if (field.erasure() == ErasureAction.BLANK) {
              blankedHere |= current != null;
              values.add(null);
            } else if (current == null || Pseudonymiser.isPseudonym(current)) {
              values.add(current);
            } else {
              pseudonymisedHere = true;
              values.add(pseudonymiser.pseudonym(comparable(field, current)));
            }
          }
          if (blankedHere || pseudonymisedHere) {
            values.add(key);
            batch.add(values.toArray());
            blanked += blankedHere ? 1 : 0;
            pseudonymised += pseudonymisedHere ? 1 : 0;
          }
        }
      }
      batch.flush();
    }
    connection.commit();
    return new CollectionOutcome(collection.name(), found, deleted, blanked, pseudonymised, kept, 0, 0,
        kept > 0 ? retention.reason() : null, kept > 0 ? retention.until(latestKept) : null, null,
        found > kept && !deleteRows ? CollectionOutcome.fieldsKeptNote(collection) : null);
  }

  /** An identity is pseudonymised in its normalised form, so that every store gives it the same pseudonym. */
  private static String comparable(Field field, Object value) {
    var text = JdbcValues.identityText(value);
    return field.isIdentity() ? field.identity().normalise(text) : text;
  }

  @Override
  public StoreOutcome rectify(RequestRef request, SubjectIdentities subject, List<Correction> corrections) {
    return each(request, Operation.RECTIFY, (connection, collection) -> {
      var changes = new LinkedHashMap<Field, String>();
      for (var field : collection.fields()) {
        corrections.stream().filter(c -> c.targets(store.name(), collection.name(), field.name()))
            .reduce((first, second) -> second)
            .ifPresent(c -> changes.put(field, field.isIdentity() ? field.identity().normalise(c.value()) : c.value()));
      }
      var match = changes.isEmpty() ? Optional.<Match>empty() : match(connection, collection, subject);
      if (match.isEmpty()) {
        return null;
      }
      var types = columnTypes(connection, collection);
      var values = new ArrayList<Object>();
      for (var change : changes.entrySet()) {
        values.add(JdbcValues.forColumn(change.getValue(), types.get(change.getKey().name())));
      }
      var sql = "update " + table(collection) + " set "
          + changes.keySet().stream().map(f -> f.name() + " = ?").collect(Collectors.joining(", "))
          + " where " + match.get().sql() + " and ("
          + changes.keySet().stream().map(f -> "(" + f.name() + " is null or " + f.name() + " <> ?)")
              .collect(Collectors.joining(" or ")) + ")";
      return updated(connection, collection, sql, values, match.get(), values, Kind.UPDATED);
    });
  }

  @Override
  public StoreOutcome restrict(RequestRef request, SubjectIdentities subject) {
    return mark(request, Operation.RESTRICT, subject, true);
  }

  @Override
  public StoreOutcome unrestrict(RequestRef request, SubjectIdentities subject) {
    return mark(request, Operation.UNRESTRICT, subject, false);
  }

  private StoreOutcome mark(RequestRef request, Operation operation, SubjectIdentities subject, boolean restricted) {
    return each(request, operation, (connection, collection) -> {
      var match = collection.restriction() == null ? Optional.<Match>empty() : match(connection, collection, subject);
      if (match.isEmpty()) {
        return null;
      }
      var column = collection.restriction().column();
      var tag = collection.restriction().tag();
      if (tag != null) {
        return tagged(connection, collection, match.get(), column, tag, restricted);
      }
      var sql = "update " + table(collection) + " set " + column + " = ? where " + match.get().sql() + " and "
          + (restricted ? "(" + column + " is null or " + column + " = ?)" : column + " = ?");
      return updated(connection, collection, sql, List.of(restricted), match.get(), List.of(!restricted),
          restricted ? Kind.RESTRICTED : Kind.UPDATED);
    });
  }

  /** Adds the tag to, or removes it from, a column of comma-separated tags, keeping the other tags. */
  private CollectionOutcome tagged(Connection connection, DataCollection collection, Match match, String column,
      String tag, boolean restricted) throws SQLException {
    var wrapped = "(',' || " + column + " || ',')";
    var pattern = "%," + tag + ",%";
    if (restricted) {
      var sql = "update " + table(collection) + " set " + column + " = case when " + column + " is null or " + column
          + " = '' then ? else " + column + " || ',' || ? end where " + match.sql() + " and (" + column + " is null or "
          + wrapped + " not like ?)";
      return updated(connection, collection, sql, List.of(tag, tag), match, List.of(pattern), Kind.RESTRICTED);
    }
    var sql = "update " + table(collection) + " set " + column + " = trim(both ',' from replace(" + wrapped + ", ?, ','))"
        + " where " + match.sql() + " and " + wrapped + " like ?";
    return updated(connection, collection, sql, List.of("," + tag + ","), match, List.of(pattern), Kind.UPDATED);
  }

  @Override
  public StoreOutcome suppressMarketing(RequestRef request, SubjectIdentities subject) {
    return each(request, Operation.SUPPRESS_MARKETING, (connection, collection) -> {
      var match = collection.marketing() == null ? Optional.<Match>empty() : match(connection, collection, subject);
      if (match.isEmpty()) {
        return null;
      }
      var column = collection.marketing().column();
      var value = JdbcValues.forColumn(collection.marketing().value(), columnTypes(connection, collection).get(column));
      var sql = "update " + table(collection) + " set " + column + " = ? where " + match.get().sql() + " and ("
          + column + " is null or " + column + " <> ?)";
      return updated(connection, collection, sql, Collections.singletonList(value), match.get(),
          Collections.singletonList(value), Kind.UPDATED);
    });
  }

  private enum Kind { RESTRICTED, UPDATED }

  /** Runs {@code update ... set <before> where <match> and <after>}; the count is of records changed. */
  private CollectionOutcome updated(Connection connection, DataCollection collection, String sql, List<Object> before,
      Match match, List<Object> after, Kind kind) throws SQLException {
    try (var statement = connection.prepareStatement(sql)) {
      var index = 1;
      for (var value : before) {
        statement.setObject(index++, value);
      }
      index = match.bind(statement, index);
      for (var value : after) {
        statement.setObject(index++, value);
      }
      var changed = statement.executeUpdate();
      connection.commit();
      return new CollectionOutcome(collection.name(), count(connection, collection, match), 0, 0, 0, 0,
          kind == Kind.RESTRICTED ? changed : 0, kind == Kind.UPDATED ? changed : 0, null, null, null, null);
    }
  }

  private long count(Connection connection, DataCollection collection, Match match) throws SQLException {
    try (var statement = connection.prepareStatement("select count(*) from " + table(collection) + " where "
        + match.sql())) {
      match.bind(statement, 1);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  // ---- matching ----

  /** A where-clause that matches the subject's records exactly, and its parameters. */
  private record Match(String sql, List<Object> parameters) {

    int bind(PreparedStatement statement, int first) throws SQLException {
      var index = first;
      for (var parameter : parameters) {
        statement.setObject(index++, parameter);
      }
      return index;
    }
  }

  private Optional<Match> match(Connection connection, DataCollection collection, SubjectIdentities subject)
      throws SQLException {
    var clauses = new ArrayList<String>();
    var parameters = new ArrayList<Object>();
    for (var field : collection.identityFields()) {
      var values = subject.of(field.identity());
      if (values.isEmpty()) {
        continue;
      }
      var type = columnTypes(connection, collection).get(field.name());
      var typed = values.stream().map(v -> JdbcValues.identityParameter(v, type)).filter(Objects::nonNull).toList();
      if (typed.isEmpty()) {
        continue;
      }
      var column = field.identity() == IdentityType.EMAIL ? "lower(" + field.name() + ")" : field.name();
      clauses.add(column + " in (" + typed.stream().map(v -> "?").collect(Collectors.joining(", ")) + ")");
      parameters.addAll(typed);
    }
    if (clauses.isEmpty()) {
      return Optional.empty();
    }
    var sql = "(" + String.join(" or ", clauses) + ")";
    if (scope.controllers() != null) {
      // only the records of the controllers whose instruction the operation carries out
      var type = columnTypes(connection, collection).get(collection.controllerField());
      var typed = scope.controllers().stream().map(v -> JdbcValues.identityParameter(v, type))
          .filter(Objects::nonNull).toList();
      if (typed.isEmpty()) {
        return Optional.empty();
      }
      sql += " and " + collection.controllerField() + " in (" + typed.stream().map(v -> "?")
          .collect(Collectors.joining(", ")) + ")";
      parameters.addAll(typed);
    }
    return Optional.of(new Match(sql, parameters));
  }

  /** The SQL types of the collection's columns, read once; also proves that the table and columns exist. */
  private Map<String, Integer> columnTypes(Connection connection, DataCollection collection) throws SQLException {
    var known = columnTypes.get(collection.name());
    if (known != null) {
      return known;
    }
    var names = collection.fields().stream().map(Field::name).toList();
    var types = new HashMap<String, Integer>();
    try (var statement = connection.prepareStatement("select " + String.join(", ", names) + " from "
        + table(collection) + " where 1 = 0");
         var rows = statement.executeQuery()) {
      var meta = rows.getMetaData();
      for (int i = 0; i < names.size(); i++) {
        types.put(names.get(i), meta.getColumnType(i + 1));
      }
    }
    columnTypes.put(collection.name(), Map.copyOf(types));
    return types;
  }

  private String table(DataCollection collection) {
    var schema = store.jdbc().schema();
    return schema == null ? collection.name() : schema + "." + collection.name();
  }

  private PreparedStatement cursor(Connection connection, String sql) throws SQLException {
    var statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statement.setFetchSize(store.jdbc().fetchSize());
    return statement;
  }

  // ---- running ----

  @FunctionalInterface
  private interface CollectionWork {

    /** Null when the operation does not concern the collection. */
    CollectionOutcome run(Connection connection, DataCollection collection) throws SQLException;
  }

  /** Runs {@code work} on every collection in one connection; a failure of the database fails the store. */
  private StoreOutcome each(RequestRef request, Operation operation, CollectionWork work) {
    try (var connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        var outcomes = new ArrayList<CollectionOutcome>();
        for (var collection : store.collections()) {
          if (!scope.concerns(collection)) {
            continue;
          }
          var outcome = work.run(connection, collection);
          if (outcome != null) {
            outcomes.add(outcome);
          }
        }
        return StoreOutcome.ok(request, store.name(), operation, outcomes);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      return StoreOutcome.failed(request, store.name(), operation, describe(e));
    }
  }

  /**
   * Names the store and its database, never a password; only the first line of the driver's messages,
   * which on some drivers continue with the offending values.
   */
  private String describe(SQLException e) {
    var message = firstLine(e);
    if (e.getCause() != null && e.getCause() != e) {
      message += ": " + firstLine(e.getCause());
    }
    return "store " + store.name() + " (" + store.jdbc().safeUrl() + "): " + message
        + (e.getSQLState() == null ? "" : " [SQL state " + e.getSQLState() + "]");
  }

  private static String firstLine(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
  }

  /** Sends changes in batches of {@value #BATCH}. */
  private static final class Batch implements AutoCloseable {

    private final PreparedStatement statement;
    private int pending;

    Batch(PreparedStatement statement) {
      this.statement = statement;
    }

    void add(Object... parameters) throws SQLException {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.addBatch();
      if (++pending == BATCH) {
        flush();
      }
    }

    void flush() throws SQLException {
      if (pending > 0) {
        statement.executeBatch();
        pending = 0;
      }
    }

    @Override
    public void close() throws SQLException {
      if (statement != null) {
        statement.close();
      }
    }
  }
}
