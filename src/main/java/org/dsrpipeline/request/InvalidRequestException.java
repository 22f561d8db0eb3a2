package org.dsrpipeline.request;

import java.util.List;

/** Bad input found beyond what the annotations check; answered as a 400 problem naming each field. */
class InvalidRequestException extends RuntimeException {

  record FieldError(String field, String message) {
  }

  private final List<FieldError> errors;

  InvalidRequestException(List<FieldError> errors) {
    super(errors.size() + " invalid field(s)");
    this.errors = List.copyOf(errors);
  }

  List<FieldError> errors() {
    return errors;
  }
}
