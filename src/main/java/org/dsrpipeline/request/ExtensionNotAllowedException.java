package org.dsrpipeline.request;

public class ExtensionNotAllowedException extends RuntimeException {

  public ExtensionNotAllowedException(String message) {
    super(message);
  }
}
