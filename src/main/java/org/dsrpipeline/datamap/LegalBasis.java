package org.dsrpipeline.datamap;

/** The lawful bases of GDPR Art. 6(1). */
public enum LegalBasis implements YamlNamed {
  CONSENT("consent"),
  CONTRACT("contract"),
  LEGAL_OBLIGATION("legal-obligation"),
  VITAL_INTERESTS("vital-interests"),
  PUBLIC_TASK("public-task"),
  LEGITIMATE_INTERESTS("legitimate-interests");

  private final String yamlName;

  LegalBasis(String yamlName) {
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
