package org.dsrpipeline.datamap;

import java.util.List;
import java.util.Optional;

/**
 * A table or an API resource. {@code portable}: false when the data map opts the collection out of portability
 * (GDPR Art. 20: e.g. data not provided by the subject). {@code key} names the field that addresses one record;
 * {@code controllerField} (processor stores only) names the customer that is controller of a record.
 * {@code retention}, {@code restriction}, {@code marketing} and {@code endpoints} may be null.
 */
public record DataCollection(String name, String key, String purpose, LegalBasis legalBasis, String controllerField,
    Retention retention, Restriction restriction, Marketing marketing, HttpEndpoints endpoints, List<Field> fields,
    boolean portable) {

  public DataCollection {
    fields = List.copyOf(fields);
  }

  /** A collection that takes part in portability when its legal basis is consent or contract (the default). */
  public DataCollection(String name, String key, String purpose, LegalBasis legalBasis, String controllerField,
      Retention retention, Restriction restriction, Marketing marketing, HttpEndpoints endpoints, List<Field> fields) {
    this(name, key, purpose, legalBasis, controllerField, retention, restriction, marketing, endpoints, fields, true);
  }

  public Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public List<Field> identityFields() {
    return fields.stream().filter(Field::isIdentity).toList();
  }

  public boolean deletesRows() {
    return fields.stream().anyMatch(f -> f.erasure() == ErasureAction.DELETE_ROW);
  }
}
