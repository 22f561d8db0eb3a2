package org.dsrpipeline.datamap;

/** How a store is reached: a JDBC database, a REST API, or a person. */
public enum StoreKind implements YamlNamed {
  JDBC,
  HTTP,
  MANUAL
}
