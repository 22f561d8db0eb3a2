package org.dsrpipeline.request;

import java.io.IOException;

class BodyTooLargeException extends IOException {

  BodyTooLargeException(int limit) {
    super("must not be larger than " + limit + " bytes");
  }
}
