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
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The manual actions of table {@code dsr_manual_action}: one per request, store and operation. Opening an
 * action and answering it each happen in one transaction with what the listeners do (the evidence, the
 * Tasklist task), so an action is never answered with its task left open, nor opened without its task.
 */
public class ManualActions {

  private static final String COLUMNS = "id, request_reference, store_name, operation, instructions, status, opened_at, "
      + "answered_by, answer, answered_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ManualActionListener listener;
  private final TransactionTemplate transaction;

  public ManualActions(DataSource dataSource, Clock clock) {
    this(dataSource, clock, ManualActionListener.NONE, new DataSourceTransactionManager(dataSource));
  }

  /** {@code transactions}: the application's, so that the listeners' work joins the same transaction. */
  public ManualActions(DataSource dataSource, Clock clock, ManualActionListener listener,
      PlatformTransactionManager transactions) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.clock = clock;
    this.listener = listener;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** The action for this request, store and operation: the existing one if it was opened before. */
  public ManualAction open(RequestRef request, String store, Operation operation, String instructions) {
    var existing = find(request, store, operation);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return transaction.execute(tx -> {
        jdbc.update("insert into dsr_manual_action (request_reference, store_name, operation, instructions, status, "
                + "opened_at) values (?, ?, ?, ?, ?, ?)", request.value(), store, operation.name(), instructions,
            ManualAction.Status.PENDING.name(), now());
        var opened = find(request, store, operation).orElseThrow();
        var trackingId = listener.opened(opened);
        if (trackingId != null) {
          jdbc.update("update dsr_manual_action set tracking_id = ? where id = ?", trackingId, opened.id());
        }
        return opened;
      });
    } catch (DuplicateKeyException openedConcurrently) {
      return find(request, store, operation).orElseThrow();
    }
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
    return transaction.execute(tx -> {
      var changed = jdbc.update("update dsr_manual_action set status = ?, answer = ?, answered_by = ?, answered_at = ? "
          + "where id = ? and status = ?", status.name(), answer, user, now(), id, ManualAction.Status.PENDING.name());
      var action = find(id).orElseThrow(() -> new NoSuchElementException("No manual action " + id));
      if (changed == 0) {
        throw new IllegalStateException("Manual action " + id + " was answered already (" + action.status() + ")");
      }
      try {
        listener.answered(action, trackingIdOf(id).orElse(null));
      } catch (RuntimeException e) {
        throw new IllegalStateException("Manual action " + id + ": its Tasklist task cannot be closed ("
            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); the answer was not recorded, try again", e);
      }
      return action;
    });
  }

  /** The action a listener tracks under {@code trackingId} (e.g. its Tasklist process). */
  public Optional<ManualAction> findByTrackingId(String trackingId) {
    return jdbc.query("select " + COLUMNS + " from dsr_manual_action where tracking_id = ?", ManualActions::action,
        trackingId).stream().findFirst();
  }

  /** True for an action opened before actions kept what tracks them. */
  public boolean isUntracked(long id) {
    return trackingIdOf(id).isEmpty();
  }

  Optional<String> trackingIdOf(long id) {
    return jdbc.queryForList("select tracking_id from dsr_manual_action where id = ?", String.class, id).stream()
        .filter(java.util.Objects::nonNull).findFirst();
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
