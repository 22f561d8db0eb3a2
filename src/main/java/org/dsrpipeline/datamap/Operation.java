package org.dsrpipeline.datamap;

/** What the pipeline can ask of a store; also the keys of a manual store's instructions. */
public enum Operation implements YamlNamed {
  FIND,
  EXPORT,
  RECTIFY,
  ERASE,
  RESTRICT,
  UNRESTRICT,
  SUPPRESS_MARKETING;

  /** Whether the operation changes the subject's records (FIND and EXPORT only read them). */
  public boolean changesData() {
    return this != FIND && this != EXPORT;
  }
}
