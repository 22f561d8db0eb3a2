package org.dsrpipeline.datamap;

/** The personal-data categories of the privacy notice, plus the few a data map needs beside them. */
public enum Category implements YamlNamed {
  NAME("name"),
  CONTACT("contact"),
  CREDENTIALS("credentials"),
  FINANCIAL("financial"),
  USAGE("usage"),
  LOCATION("location"),
  MESSAGE_CONTENT("message-content"),
  DEVICE("device"),
  IDENTIFIER("identifier"),
  PREFERENCES("preferences");

  private final String yamlName;

  Category(String yamlName) {
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
