package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The anonymous endpoints are limited per client address, with 429 and Retry-After past the budget. */
class AnonymousRateLimitFilterTest {

  private final AnonymousRateLimitFilter filter = new AnonymousRateLimitFilter(
      new ClientBuckets(new RateLimitProperties.Budget(3, Duration.ofMinutes(1)), "dsr.rate-limit.anonymous"));

  @Test
  void pastItsBudgetAnAddressGets429WithRetryAfterAndOthersDoNot() throws Exception {
    assertThat(call("POST", "/api/requests", "10.1.0.1").getStatus()).isEqualTo(200);
    assertThat(call("GET", "/status/DSR-2026-000001.x", "10.1.0.1").getStatus()).isEqualTo(200);
    assertThat(call("GET", "/verify/abc", "10.1.0.1").getStatus()).isEqualTo(200);

    var refused = call("POST", "/verify/abc", "10.1.0.1");

    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
    assertThat(refused.getContentAsString()).contains("try again");
    assertThat(call("POST", "/api/requests", "10.1.0.2").getStatus()).isEqualTo(200);
  }

  @Test
  void downloadsAreLimitedToo() throws Exception {
    for (int i = 0; i < 3; i++) {
      call("GET", "/download/some-token", "10.1.0.3");
    }

    assertThat(call("GET", "/download/some-token", "10.1.0.3").getStatus()).isEqualTo(429);
  }

  @Test
  void otherEndpointsAreNotCounted() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(call("GET", "/api/dpo/outbox", "10.1.0.4").getStatus()).isEqualTo(200);
      assertThat(call("GET", "/api/requests", "10.1.0.4").getStatus()).isEqualTo(200);
      assertThat(call("GET", "/actuator/health", "10.1.0.4").getStatus()).isEqualTo(200);
    }
  }

  private MockHttpServletResponse call(String method, String path, String address) throws Exception {
    var request = new MockHttpServletRequest(method, path);
    request.setRemoteAddr(address);
    var response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response;
  }
}
