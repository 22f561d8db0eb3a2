package org.dsrpipeline.datamap;

/** Whether the organisation decides about a store's data (controller) or holds it for a customer (processor). */
public enum Role implements YamlNamed {
  CONTROLLER,
  PROCESSOR
}
