package org.dsrpipeline.datamap;

/** How a store is reached: a JDBC database, a REST API, or a person. */
public enum StoreKind implements YamlNamed {
  JDBC("jdbc"),
  HTTP("http"),
  MANUAL("manual");

  private final String yamlName;

  StoreKind(String yamlName) {
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
