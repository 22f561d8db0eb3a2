package org.dsrpipeline.workflow;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A task listener's refusal of a completion whose input breaks a rule of the task's form. The engine
 * REST API answers it with 400 and the message (see {@link TaskRefusals}); Tasklist shows it.
 */
public class FormInputRefused extends BadUserRequestException {

  private final String field;

  public FormInputRefused(String field, String message) {
    super(message);
    this.field = field;
  }

  public FormInputRefused(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
