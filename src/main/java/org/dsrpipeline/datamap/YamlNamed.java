package org.dsrpipeline.datamap;

/** An enum whose constants are written in the data map by a lower-case name. */
interface YamlNamed {

  String yamlName();
}
