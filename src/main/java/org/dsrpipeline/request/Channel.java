package org.dsrpipeline.request;

/** How the request reached the organisation. WEB is the intake API; the others are recorded by the DPO. */
public enum Channel {
  WEB,
  POST,
  PHONE,
  EMAIL,
  IN_PERSON
}
