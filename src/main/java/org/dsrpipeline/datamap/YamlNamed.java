package org.dsrpipeline.datamap;

import java.util.Locale;

/** An enum written in the data map in lower case with dashes: {@code LEGAL_OBLIGATION} is {@code legal-obligation}. */
interface YamlNamed {

  String name();

  default String yamlName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
