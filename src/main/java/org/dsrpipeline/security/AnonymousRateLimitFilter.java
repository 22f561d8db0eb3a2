package org.dsrpipeline.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits what anyone may call without a login, per client address: filing a request
 * ({@code POST /api/requests}, the portal's {@code POST /requests}) and the requester's links ({@code /verify/**}, {@code /status/**},
 * {@code /download/**}, {@code /phone-proof/**}). Past the budget: 429 with Retry-After, before anything is read or stored.
 */
class AnonymousRateLimitFilter extends OncePerRequestFilter {

  private final ClientBuckets buckets;

  AnonymousRateLimitFilter(ClientBuckets buckets) {
    this.buckets = buckets;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    var path = request.getRequestURI().substring(request.getContextPath().length());
    return !(("POST".equals(request.getMethod()) && (path.equals("/api/requests") || path.equals("/requests")))
        || path.startsWith("/verify/") || path.startsWith("/status/") || path.startsWith("/download/")
        || path.startsWith("/phone-proof/") || path.startsWith("/recipient/")
        || path.startsWith("/controller/") || path.startsWith("/api/controller/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var wait = buckets.take(request.getRemoteAddr());
    if (wait.isPresent()) {
      TooManyRequests.answer(response, wait.getAsLong(), "Too many requests");
      return;
    }
    chain.doFilter(request, response);
  }
}
