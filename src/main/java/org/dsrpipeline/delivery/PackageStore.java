package org.dsrpipeline.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The packages' rows and their encrypted chunks ({@code dsr_package}, {@code dsr_package_chunk}): written as a stream
 * of 256 KiB chunks in the caller's transaction and read back one chunk at a time, so that neither side ever holds a
 * whole package in memory.
 */
@Component
public class PackageStore {

  static final int CHUNK_BYTES = 256 * 1024;

  /** What a package is: one store's export, the package the DPO reviews, or the one the requester downloads. */
  public enum Kind { EXPORT, REVIEW, RELEASED }

  /** A package's row; {@code chunks} is 0 until its stream was closed. */
  public record Stored(long id, long requestId, Kind kind, String store, long records, int chunks, Instant createdAt,
      Instant expiresAt, int wrongTries, Instant blockedUntil, int downloads) {

    public boolean complete() {
      return chunks > 0;
    }
  }

  private final JdbcTemplate jdbc;
  private final PackageCipher cipher;
  private final Clock clock;

  PackageStore(JdbcTemplate jdbc, PackageCipher cipher, Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** A new, empty package; write it through {@link #writer}. */
  public long create(long requestId, Kind kind, String store, Instant expiresAt) {
    var keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("insert into dsr_package (request_id, kind, store_name, records, "
          + "chunks, key_id, created_at, expires_at, wrong_tries, downloads) values (?, ?, ?, 0, 0, ?, ?, ?, 0, 0)",
          new String[] {"id"});
      statement.setLong(1, requestId);
      statement.setString(2, kind.name());
      statement.setString(3, store);
      statement.setString(4, cipher.keyId());
      statement.setTimestamp(5, Timestamp.from(clock.instant()));
      statement.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
      return statement;
    }, keys);
    return keys.getKey().longValue();
  }

  /** The package's content as a stream; {@link ChunkWriter#close()} seals the last chunk and marks it complete. */
  public ChunkWriter writer(long packageId) {
    return new ChunkWriter(packageId);
  }

  public InputStream reader(Stored stored) {
    if (!stored.complete()) {
      throw new IllegalStateException("Package " + stored.id() + " was never completed");
    }
    return new ChunkReader(stored.id(), stored.chunks());
  }

  public Optional<Stored> find(long id) {
    return jdbc.query("select * from dsr_package where id = ?", (rs, n) -> row(rs), id).stream().findFirst();
  }

  /** The request's packages of a kind, newest first. */
  public List<Stored> of(long requestId, Kind kind) {
    return jdbc.query("select * from dsr_package where request_id = ? and kind = ? order by id desc",
        (rs, n) -> row(rs), requestId, kind.name());
  }

  public Optional<Stored> export(long requestId, String store) {
    return jdbc.query("select * from dsr_package where request_id = ? and kind = 'EXPORT' and store_name = ? "
        + "order by id desc", (rs, n) -> row(rs), requestId, store).stream().findFirst();
  }

  public void setRecords(long id, long records) {
    jdbc.update("update dsr_package set records = ? where id = ?", records, id);
  }

  public void delete(long id) {
    jdbc.update("delete from dsr_package_chunk where package_id = ?", id);
    jdbc.update("delete from dsr_package where id = ?", id);
  }

  public void deleteOf(long requestId, Kind kind) {
    of(requestId, kind).forEach(p -> delete(p.id()));
  }

  public void deleteExport(long requestId, String store) {
    jdbc.query("select id from dsr_package where request_id = ? and kind = 'EXPORT' and store_name = ?",
        (rs, n) -> rs.getLong(1), requestId, store).forEach(this::delete);
  }

  /** Packages whose link has expired (released ones: the only ones with an expiry). */
  List<Long> expired(Instant now) {
    return jdbc.query("select id from dsr_package where expires_at is not null and expires_at < ?",
        (rs, n) -> rs.getLong(1), Timestamp.from(now));
  }

  void recordWrongTry(long id, Instant blockedUntil) {
    jdbc.update("update dsr_package set wrong_tries = wrong_tries + 1, blocked_until = ? where id = ?",
        blockedUntil == null ? null : Timestamp.from(blockedUntil), id);
  }

  void recordDownload(long id) {
    jdbc.update("update dsr_package set downloads = downloads + 1, wrong_tries = 0, blocked_until = null where id = ?",
        id);
  }

  private static Stored row(java.sql.ResultSet rs) throws java.sql.SQLException {
    var expires = rs.getTimestamp("expires_at");
    var blocked = rs.getTimestamp("blocked_until");
    return new Stored(rs.getLong("id"), rs.getLong("request_id"), Kind.valueOf(rs.getString("kind")),
        rs.getString("store_name"), rs.getLong("records"), rs.getInt("chunks"), rs.getTimestamp("created_at")
        .toInstant(), expires == null ? null : expires.toInstant(), rs.getInt("wrong_tries"),
        blocked == null ? null : blocked.toInstant(), rs.getInt("downloads"));
  }

  /** Buffers one chunk, encrypts it and inserts it; the chunk before the last is written only when more follows. */
  public final class ChunkWriter extends OutputStream {

    private final long packageId;
    private final byte[] buffer = new byte[CHUNK_BYTES];
    private int filled;
    private int seq;
    private boolean closed;

    private ChunkWriter(long packageId) {
      this.packageId = packageId;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (closed) {
        throw new IOException("Package " + packageId + " is already sealed");
      }
      while (length > 0) {
        if (filled == buffer.length) {
          seal(false);
        }
        var n = Math.min(length, buffer.length - filled);
        System.arraycopy(bytes, offset, buffer, filled, n);
        filled += n;
        offset += n;
        length -= n;
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      seal(true);
      closed = true;
      jdbc.update("update dsr_package set chunks = ? where id = ?", seq, packageId);
    }

    private void seal(boolean last) {
      jdbc.update("insert into dsr_package_chunk (package_id, seq, data) values (?, ?, ?)", packageId, seq,
          cipher.encrypt(packageId, seq, last, buffer, filled));
      seq++;
      filled = 0;
    }
  }

  private final class ChunkReader extends InputStream {

    private final long packageId;
    private final int chunks;
    private int next;
    private byte[] current = new byte[0];
    private int position;

    private ChunkReader(long packageId, int chunks) {
      this.packageId = packageId;
      this.chunks = chunks;
    }

    @Override
    public int read() {
      var one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      while (position == current.length) {
        if (next == chunks) {
          return -1;
        }
        var sealed = jdbc.queryForObject("select data from dsr_package_chunk where package_id = ? and seq = ?",
            byte[].class, packageId, next);
        current = cipher.decrypt(packageId, next, next == chunks - 1, sealed);
        position = 0;
        next++;
      }
      var n = Math.min(length, current.length - position);
      System.arraycopy(current, position, bytes, offset, n);
      position += n;
      return n;
    }
  }
}
