package org.dsrpipeline.datamap;

import java.util.List;

/** The data map cannot be used. The message lists every problem, one per line, each naming file, line and path. */
public class DataMapException extends RuntimeException {

  private final List<String> problems;

  public DataMapException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
