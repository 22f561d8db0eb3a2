package org.dsrpipeline.datamap;

import java.util.List;
import java.util.Optional;

/**
 * A table or an API resource. {@code key} names the field that addresses one record;
 * {@code controllerField} (processor stores only) names the customer that is controller of a record.
 * {@code retention}, {@code restriction}, {@code marketing} and {@code endpoints} may be null.
 */
public record DataCollection(String name, String key, String purpose, LegalBasis legalBasis, String controllerField,
    Retention retention, Restriction restriction, Marketing marketing, HttpEndpoints endpoints, List<Field> fields) {

  public DataCollection {
    fields = List.copyOf(fields);
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
