package org.dsrpipeline.datamap;

/** The personal-data categories of the privacy notice, plus the few a data map needs beside them. */
public enum Category implements YamlNamed {
  NAME,
  CONTACT,
  CREDENTIALS,
  FINANCIAL,
  USAGE,
  LOCATION,
  MESSAGE_CONTENT,
  DEVICE,
  IDENTIFIER,
  PREFERENCES
}
