package org.dsrpipeline.datamap;

/** What the pipeline can ask of a store; also the keys of a manual store's instructions. */
public enum Operation implements YamlNamed {
  FIND("find"),
  EXPORT("export"),
  RECTIFY("rectify"),
  ERASE("erase"),
  RESTRICT("restrict"),
  UNRESTRICT("unrestrict"),
  SUPPRESS_MARKETING("suppress-marketing");

  private final String yamlName;

  Operation(String yamlName) {
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
