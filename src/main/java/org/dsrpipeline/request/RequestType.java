package org.dsrpipeline.request;

/** The GDPR rights a data subject can exercise; each is carried out by its own BPMN process. */
public enum RequestType {
  ACCESS("Process_Access"),
  RECTIFICATION("Process_Rectification"),
  ERASURE("Process_Erasure"),
  RESTRICTION("Process_Restriction"),
  OBJECTION("Process_Objection"),
  PORTABILITY("Process_Portability");

  private final String processKey;

  RequestType(String processKey) {
    this.processKey = processKey;
  }

  public String processKey() {
    return processKey;
  }
}
