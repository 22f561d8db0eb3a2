package org.dsrpipeline.datamap;

/** The lawful bases of GDPR Art. 6(1). */
public enum LegalBasis implements YamlNamed {
  CONSENT,
  CONTRACT,
  LEGAL_OBLIGATION,
  VITAL_INTERESTS,
  PUBLIC_TASK,
  LEGITIMATE_INTERESTS
}
