package org.dsrpipeline.connector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.Field;

/**
 * Writes an export as JSON while records arrive, holding none of them:
 * {@code {"stores":[{"store":..,"collections":[{"collection":..,"records":[{..},..]}]}]}}. Given the data
 * map, each store and collection also carries what the law asks to be told beside the data: role,
 * recipients, purpose, legal basis, categories and retention. {@link #close()} ends the document; the
 * output stream stays open and belongs to the caller.
 */
public final class JsonExportSink implements RecordSink, AutoCloseable {

  private final JsonGenerator json;
  private final DataMap map;
  private String store;
  private String collection;
  private long records;

  public JsonExportSink(OutputStream out, DataMap map) {
    this.map = map;
    try {
      this.json = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out);
      json.writeStartObject();
      json.writeArrayFieldStart("stores");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void accept(String store, String collection, Map<String, Object> record) {
    try {
      if (!Objects.equals(store, this.store)) {
        endCollection();
        endStore();
        startStore(store);
      }
      if (!Objects.equals(collection, this.collection)) {
        endCollection();
        startCollection(collection);
      }
      json.writeStartObject();
      for (var entry : record.entrySet()) {
        json.writeFieldName(entry.getKey());
        value(entry.getValue());
      }
      json.writeEndObject();
      records++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long records() {
    return records;
  }

  @Override
  public void close() {
    try {
      endCollection();
      endStore();
      json.writeEndArray();
      json.writeEndObject();
      json.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startStore(String name) throws IOException {
    store = name;
    json.writeStartObject();
    json.writeStringField("store", name);
    var described = map == null ? null : map.store(name).orElse(null);
    if (described != null) {
      json.writeStringField("role", described.role().yamlName());
      json.writeStringField("description", described.description());
      json.writeArrayFieldStart("recipients");
      for (var recipient : described.recipients()) {
        json.writeString(recipient.name());
      }
      json.writeEndArray();
    }
    json.writeArrayFieldStart("collections");
  }

  private void endStore() throws IOException {
    if (store != null) {
      json.writeEndArray();
      json.writeEndObject();
      store = null;
    }
  }

  private void startCollection(String name) throws IOException {
    collection = name;
    json.writeStartObject();
    json.writeStringField("collection", name);
    var described = map == null ? null : map.store(store).flatMap(s -> s.collection(name)).orElse(null);
    if (described != null) {
      json.writeStringField("purpose", described.purpose());
      json.writeStringField("legalBasis", described.legalBasis().yamlName());
      json.writeArrayFieldStart("categories");
      for (var category : described.fields().stream().map(Field::categories).flatMap(java.util.Set::stream)
          .distinct().toList()) {
        json.writeString(category.yamlName());
      }
      json.writeEndArray();
      if (described.retention() != null) {
        var retention = described.retention();
        json.writeStringField("retention", retention.period() + " from " + retention.from() + " ("
            + retention.basis().yamlName() + "): " + retention.reason());
      }
    }
    json.writeArrayFieldStart("records");
  }

  private void endCollection() throws IOException {
    if (collection != null) {
      json.writeEndArray();
      json.writeEndObject();
      collection = null;
    }
  }

  private void value(Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else if (value instanceof BigInteger integer) {
      json.writeNumber(integer);
    } else if (value instanceof Number number) {
      json.writeNumber(number.doubleValue());
    } else if (value instanceof Map<?, ?> nested) {
      json.writeStartObject();
      for (var entry : nested.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        value(entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof Iterable<?> list) {
      json.writeStartArray();
      for (var item : list) {
        value(item);
      }
      json.writeEndArray();
    } else {
      json.writeString(value.toString());
    }
  }
}
