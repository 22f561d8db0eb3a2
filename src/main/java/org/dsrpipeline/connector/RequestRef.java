package org.dsrpipeline.connector;

/** The request an operation belongs to (its reference, e.g. DSR-2026-000042): with the store, the idempotency key. */
public record RequestRef(String value) {

  public RequestRef {
    if (value == null || value.isBlank() || value.length() > 64) {
      throw new IllegalArgumentException("A request reference is 1 to 64 characters");
    }
  }

  public static RequestRef of(String value) {
    return new RequestRef(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
