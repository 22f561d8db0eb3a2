package org.dsrpipeline.datamap;

/** What erasure does to a field. A {@code delete-row} field makes erasure delete the whole record. */
public enum ErasureAction implements YamlNamed {
  DELETE_ROW("delete-row"),
  BLANK("blank"),
  PSEUDONYMISE("pseudonymise"),
  KEEP("keep");

  private final String yamlName;

  ErasureAction(String yamlName) {
    this.yamlName = yamlName;
  }

  @Override
  public String yamlName() {
    return yamlName;
  }

  @Override
  public String toString() {
    return yamlName;
  }
}
