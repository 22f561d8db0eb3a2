package org.dsrpipeline.demo;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** DEMO: one table of a demo service, as JSON-ready records. Column names are constants, values parameters. */
final class DemoTable {

  private final JdbcTemplate jdbc;
  private final String table;
  private final Set<String> patchable;

  DemoTable(DataSource dataSource, String table, Set<String> patchable) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.table = table;
    this.patchable = patchable;
  }

  /** Records whose email column equals {@code email} (ignoring case) or whose phone column equals {@code phone}. */
  List<Map<String, Object>> search(String emailColumn, String email, String phoneColumn, String phone, int offset,
      int limit) {
    var clauses = new ArrayList<String>();
    var parameters = new ArrayList<Object>();
    if (email != null && !email.isBlank()) {
      clauses.add("lower(" + emailColumn + ") = lower(?)");
      parameters.add(email.strip());
    }
    if (phone != null && !phone.isBlank()) {
      clauses.add(phoneColumn + " = ?");
      parameters.add(phone.strip());
    }
    if (clauses.isEmpty()) {
      return List.of();
    }
    parameters.add(limit);
    parameters.add(offset);
    return jdbc.queryForList("select * from " + table + " where " + String.join(" or ", clauses)
        + " order by id limit ? offset ?", parameters.toArray()).stream().map(DemoTable::json).toList();
  }

  Optional<Map<String, Object>> find(long id) {
    return jdbc.queryForList("select * from " + table + " where id = ?", id).stream().findFirst().map(DemoTable::json);
  }

  /** @throws IllegalArgumentException when {@code changes} names a field that cannot be changed */
  Optional<Map<String, Object>> patch(long id, Map<String, Object> changes) {
    if (!patchable.containsAll(changes.keySet())) {
      throw new IllegalArgumentException("Only these fields can be changed: " + String.join(", ", patchable));
    }
    if (!changes.isEmpty()) {
      var values = new ArrayList<>(changes.values());
      values.add(id);
      jdbc.update("update " + table + " set " + changes.keySet().stream().map(k -> k + " = ?")
          .collect(Collectors.joining(", ")) + " where id = ?", values.toArray());
    }
    return find(id);
  }

  Optional<Map<String, Object>> set(long id, String column, Object value) {
    jdbc.update("update " + table + " set " + column + " = ? where id = ?", value, id);
    return find(id);
  }

  boolean delete(long id) {
    return jdbc.update("delete from " + table + " where id = ?", id) > 0;
  }

  private static Map<String, Object> json(Map<String, Object> row) {
    var record = new LinkedHashMap<String, Object>();
    row.forEach((column, value) -> record.put(column.toLowerCase(Locale.ROOT),
        value instanceof Timestamp timestamp ? timestamp.toInstant().toString()
            : value instanceof OffsetDateTime offset ? offset.toInstant().toString() : value));
    return record;
  }
}
