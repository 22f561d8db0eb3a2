package org.dsrpipeline.request;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One field the requester says is wrong, with the value they say is correct. */
@Embeddable
public class Correction {

  @Column(name = "field_name", nullable = false)
  private String field;

  @Column(name = "corrected_value", nullable = false)
  private String value;

  protected Correction() {
  }

  public Correction(String field, String value) {
    this.field = field;
    this.value = value;
  }

  public String field() {
    return field;
  }

  public String value() {
    return value;
  }
}
