package org.dsrpipeline.connector.manual;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.datamap.Operation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The manual actions of table {@code dsr_manual_action}: one per request, store and operation. */
public class ManualActions {

  private static final String COLUMNS = "id, request_reference, store_name, operation, instructions, status, opened_at, "
      + "answered_by, answer, answered_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ManualActionListener listener;

  public ManualActions(DataSource dataSource, Clock clock) {
    this(dataSource, clock, ManualActionListener.NONE);
  }

  public ManualActions(DataSource dataSource, Clock clock, ManualActionListener listener) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.clock = clock;
    this.listener = listener;
  }

  /** The action for this request, store and operation: the existing one if it was opened before. */
  public ManualAction open(RequestRef request, String store, Operation operation, String instructions) {
    var existing = find(request, store, operation);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      jdbc.update("insert into dsr_manual_action (request_reference, store_name, operation, instructions, status, "
              + "opened_at) values (?, ?, ?, ?, ?, ?)", request.value(), store, operation.name(), instructions,
          ManualAction.Status.PENDING.name(), now());
    } catch (DuplicateKeyException openedConcurrently) {
      return find(request, store, operation).orElseThrow();
    }
    var opened = find(request, store, operation).orElseThrow();
    listener.opened(opened);
    return opened;
  }

  /**
   * Records the DPO's answer to a pending action.
   *
   * @throws NoSuchElementException when there is no such action
   * @throws IllegalStateException when it was answered already
   */
  public ManualAction recordAnswer(long id, ManualAction.Status status, String answer, String user) {
    if (status == ManualAction.Status.PENDING) {
      throw new IllegalArgumentException("An answer is DONE or NOT_POSSIBLE");
    }
    var changed = jdbc.update("update dsr_manual_action set status = ?, answer = ?, answered_by = ?, answered_at = ? "
        + "where id = ? and status = ?", status.name(), answer, user, now(), id, ManualAction.Status.PENDING.name());
    var action = find(id).orElseThrow(() -> new NoSuchElementException("No manual action " + id));
    if (changed == 0) {
      throw new IllegalStateException("Manual action " + id + " was answered already (" + action.status() + ")");
    }
    listener.answered(action);
    return action;
  }

  public Optional<ManualAction> find(long id) {
    return jdbc.query("select " + COLUMNS + " from dsr_manual_action where id = ?", ManualActions::action, id)
        .stream().findFirst();
  }

  /** Oldest first; every action when {@code status} is null. */
  public List<ManualAction> list(ManualAction.Status status) {
    return status == null
        ? jdbc.query("select " + COLUMNS + " from dsr_manual_action order by opened_at, id", ManualActions::action)
        : jdbc.query("select " + COLUMNS + " from dsr_manual_action where status = ? order by opened_at, id",
            ManualActions::action, status.name());
  }

  private Optional<ManualAction> find(RequestRef request, String store, Operation operation) {
    return jdbc.query("select " + COLUMNS + " from dsr_manual_action where request_reference = ? and store_name = ? "
        + "and operation = ?", ManualActions::action, request.value(), store, operation.name()).stream().findFirst();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static ManualAction action(ResultSet row, int index) throws SQLException {
    var answeredAt = row.getObject("answered_at", OffsetDateTime.class);
    return new ManualAction(row.getLong("id"), row.getString("request_reference"), row.getString("store_name"),
        Operation.valueOf(row.getString("operation")), row.getString("instructions"),
        ManualAction.Status.valueOf(row.getString("status")), row.getObject("opened_at", OffsetDateTime.class).toInstant(),
        row.getString("answered_by"), row.getString("answer"), answeredAt == null ? null : answeredAt.toInstant());
  }
}
