package org.dsrpipeline.rights;

import java.sql.Timestamp;
import java.time.Instant;
import org.dsrpipeline.connector.StoreOutcome;
import org.springframework.jdbc.core.RowMapper;

/**
 * One row of {@code dsr_store_outcome}: what one operation did in one store for one request. Status
 * PENDING until the first run recorded something. {@code collections}: the per-collection counts as JSON.
 * {@code pass}: 1, or the number of a later pass of the same operation (an erasure's, once retention ends);
 * {@code note}: why the store was not acted on (HANDLED_WITH_CONTROLLER, KEPT_ON_HOLD); {@code controller}: in a
 * store held as processor, the controller customer on whose instruction (or answer) this part was done; empty for
 * the store's own outcome.
 */
public record RecordedOutcome(long id, String store, String operation, String status, long found, long changed,
    long kept, Instant keptUntil, String collections, String error, Long manualActionId, int attempts,
    Instant firstRunAt, Instant lastRunAt, Instant doneAt, int pass, String note, String controller) {

  public RecordedOutcome {
    controller = controller == null ? "" : controller;
  }

  public RecordedOutcome(long id, String store, String operation, String status, long found, long changed,
      long kept, Instant keptUntil, String collections, String error, Long manualActionId, int attempts,
      Instant firstRunAt, Instant lastRunAt, Instant doneAt, int pass, String note) {
    this(id, store, operation, status, found, changed, kept, keptUntil, collections, error, manualActionId, attempts,
        firstRunAt, lastRunAt, doneAt, pass, note, "");
  }

  /** The part done for one controller customer of a processor store. */
  public boolean forController() {
    return !controller.isEmpty();
  }

  public boolean ok() {
    return "OK".equals(status);
  }

  /** The status as the connector answered it; null while PENDING. */
  public StoreOutcome.Status outcomeStatus() {
    return "PENDING".equals(status) ? null : StoreOutcome.Status.valueOf(status);
  }

  static RowMapper<RecordedOutcome> rows() {
    return (rs, n) -> new RecordedOutcome(rs.getLong("id"), rs.getString("store_name"), rs.getString("operation"),
        rs.getString("status"), rs.getLong("found"), rs.getLong("changed"), rs.getLong("kept"),
        instant(rs.getTimestamp("kept_until")), rs.getString("collections"), rs.getString("error"),
        (Long) rs.getObject("manual_action_id", Long.class), rs.getInt("attempts"),
        instant(rs.getTimestamp("first_run_at")), instant(rs.getTimestamp("last_run_at")),
        instant(rs.getTimestamp("done_at")), rs.getInt("pass_number"), rs.getString("note"),
        rs.getString("controller_id"));
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}
