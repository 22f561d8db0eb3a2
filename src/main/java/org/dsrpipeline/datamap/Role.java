package org.dsrpipeline.datamap;

/** Whether the organisation decides about a store's data (controller) or holds it for a customer (processor). */
public enum Role implements YamlNamed {
  CONTROLLER("controller"),
  PROCESSOR("processor");

  private final String yamlName;

  Role(String yamlName) {
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
