package org.dsrpipeline.delivery;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The format of one store's EXPORT package: deflated JSON objects {@code {"c": collection, "r": record}} one after
 * the other, in the order the connector gave them. Written and read as streams.
 */
public final class ExportFiles {

  /** One exported record, as the package builder reads it back. */
  public interface RecordVisitor {
    void record(String collection, Map<String, Object> record) throws IOException;
  }

  private static final JsonFactory JSON = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  private final PackageStore packages;
  private final ObjectMapper mapper;

  public ExportFiles(PackageStore packages, ObjectMapper mapper) {
    this.packages = packages;
    this.mapper = mapper;
  }

  /** Opens a new EXPORT package of the store (an earlier, unfinished one is deleted). */
  public Writer open(long requestId, String store) {
    packages.deleteExport(requestId, store);
    var id = packages.create(requestId, PackageStore.Kind.EXPORT, store, null);
    return new Writer(id, packages.writer(id));
  }

  /** Reads one store's exported records back in the order they were exported; nothing when it found none. */
  public void read(long requestId, String store, RecordVisitor visitor) {
    var stored = packages.export(requestId, store);
    if (stored.isEmpty() || !stored.get().complete()) {
      return;
    }
    try (InputStream in = new InflaterInputStream(packages.reader(stored.get()), new java.util.zip.Inflater(),
        64 * 1024); var parser = JSON.createParser(in)) {
      parser.setCodec(mapper);
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        @SuppressWarnings("unchecked")
        Map<String, Object> line = parser.readValueAs(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        var record = (Map<String, Object>) line.get("r");
        visitor.record((String) line.get("c"), record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the export of store " + store, e);
    }
  }

  /** Writes one store's records; {@link #seal()} finishes the package, {@link #drop()} deletes it. */
  public final class Writer {

    private final long id;
    private final PackageStore.ChunkWriter chunks;
    private final DeflaterOutputStream deflater;
    private final JsonGenerator json;
    private long records;

    private Writer(long id, PackageStore.ChunkWriter chunks) {
      this.id = id;
      this.chunks = chunks;
      this.deflater = new DeflaterOutputStream(chunks, new Deflater(Deflater.BEST_SPEED), 64 * 1024);
      try {
        this.json = JSON.createGenerator(deflater, JsonEncoding.UTF8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      json.setCodec(mapper);
    }

    public void write(String collection, Map<String, Object> record) {
      try {
        json.writeStartObject();
        json.writeStringField("c", collection);
        json.writeObjectField("r", record);
        json.writeEndObject();
        records++;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write an export", e);
      }
    }

    public long records() {
      return records;
    }

    public void seal() {
      try {
        json.close();
        deflater.finish();
        chunks.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot seal an export", e);
      }
      packages.setRecords(id, records);
    }

    public void drop() {
      packages.delete(id);
    }
  }
}
