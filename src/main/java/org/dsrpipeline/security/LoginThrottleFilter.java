package org.dsrpipeline.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing per client address instead of per user, so that nobody can keep the DPO
 * or the administrator out by failing their logins (Camunda's own per-user delay is off). A login
 * attempt is any request with HTTP Basic credentials ({@code /engine-rest}, {@code /api/dpo},
 * {@code /dpo}, {@code /actuator}) or a POST to the Camunda web apps' login. Each attempt takes one
 * token of the address's failure budget and a successful one gives it back; an address with no
 * token left gets 429 with Retry-After, its correct passwords too, until the budget refills.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private static final Pattern CAMUNDA_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

  private final ClientBuckets failures;

  LoginThrottleFilter(ClientBuckets failures) {
    this.failures = failures;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    var authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    var path = request.getRequestURI().substring(request.getContextPath().length());
    return !("POST".equals(request.getMethod()) && CAMUNDA_LOGIN.matcher(path).matches());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var client = request.getRemoteAddr();
    var wait = failures.take(client);
    if (wait.isPresent()) {
      TooManyRequests.answer(response, wait.getAsLong(), "Too many failed logins");
      return;
    }
    var failed = true;
    try {
      chain.doFilter(request, response);
      failed = response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED;
    } finally {
      if (!failed) {
        failures.giveBack(client);
      }
    }
  }
}
