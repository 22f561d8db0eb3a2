package org.dsrpipeline.request.process;

import org.camunda.bpm.engine.delegate.TaskListener;

/** The listeners every DPO task has, for the process tests of other packages (the rights' diagrams). */
public final class DsrTaskListeners {

  private DsrTaskListeners() {
  }

  public static TaskListener dpoOnly() {
    return new DpoOnlyTaskListener();
  }

  public static TaskListener checkFormInput() {
    return new CheckFormInputListener();
  }
}
