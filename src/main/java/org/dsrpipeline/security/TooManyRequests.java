package org.dsrpipeline.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The 429 answer of the rate limits: Retry-After in whole seconds, and a sentence a person can read. */
final class TooManyRequests {

  private TooManyRequests() {
  }

  static void answer(HttpServletResponse response, long nanosToWait, String what) throws IOException {
    var seconds = Math.max(1, (nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(what + " from your address; please try again in " + seconds + " seconds.\n");
  }
}
