package org.dsrpipeline.datamap;

/** What erasure does to a field. A {@code delete-row} field makes erasure delete the whole record. */
public enum ErasureAction implements YamlNamed {
  DELETE_ROW,
  BLANK,
  PSEUDONYMISE,
  KEEP
}
