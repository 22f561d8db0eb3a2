package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Failed logins are counted per client address; a refused address never blocks another one. */
class LoginThrottleFilterTest {

  private final LoginThrottleFilter filter = new LoginThrottleFilter(
      new ClientBuckets(new RateLimitProperties.Budget(3, Duration.ofMinutes(15)), "dsr.rate-limit.login"));

  @Test
  void anAddressOutOfFailuresGets429WithRetryAfterEvenForTheRightPassword() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(basicLogin("10.0.0.1", "dpo:wrong").getStatus()).isEqualTo(401);
    }

    var refused = basicLogin("10.0.0.1", "dpo:dpo");

    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 15 * 60L);
  }

  @Test
  void theRightPasswordFromAnotherAddressAlwaysWorks() throws Exception {
    for (int i = 0; i < 5; i++) {
      basicLogin("10.0.0.2", "dpo:wrong");
    }

    assertThat(basicLogin("10.0.0.3", "dpo:dpo").getStatus()).isEqualTo(200);
  }

  @Test
  void successfulLoginsCostNothingSoTheRightPasswordWorksAfterAWrongOne() throws Exception {
    for (int i = 0; i < 2; i++) {
      assertThat(basicLogin("10.0.0.4", "dpo:wrong").getStatus()).isEqualTo(401);
      for (int j = 0; j < 10; j++) {
        assertThat(basicLogin("10.0.0.4", "dpo:dpo").getStatus()).isEqualTo(200);
      }
    }
    assertThat(basicLogin("10.0.0.4", "dpo:wrong").getStatus()).as("the third failure").isEqualTo(401);
    assertThat(basicLogin("10.0.0.4", "dpo:dpo").getStatus()).as("successes do not reset failures").isEqualTo(429);
  }

  @Test
  void camundaWebAppLoginsAreCountedToo() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(webAppLogin("10.0.0.5", "wrong").getStatus()).isEqualTo(401);
    }

    assertThat(webAppLogin("10.0.0.5", "dpo").getStatus()).isEqualTo(429);
    assertThat(basicLogin("10.0.0.5", "dpo:dpo").getStatus()).as("one budget for every login path").isEqualTo(429);
  }

  @Test
  void requestsWithoutCredentialsAreNotLoginAttempts() throws Exception {
    for (int i = 0; i < 3; i++) {
      basicLogin("10.0.0.6", "dpo:wrong");
    }
    var request = new MockHttpServletRequest("GET", "/api/dpo/outbox");
    request.setRemoteAddr("10.0.0.6");
    var response = new MockHttpServletResponse();

    filter.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(401));

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getHeader("Retry-After")).isNull();
  }

  private MockHttpServletResponse basicLogin(String address, String credentials) throws Exception {
    var request = new MockHttpServletRequest("GET", "/engine-rest/task");
    request.setRemoteAddr(address);
    request.addHeader("Authorization", "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    return run(request, credentials.equals("dpo:dpo"));
  }

  private MockHttpServletResponse webAppLogin(String address, String password) throws Exception {
    var request = new MockHttpServletRequest("POST", "/camunda/api/admin/auth/user/default/login/tasklist");
    request.setRemoteAddr(address);
    request.setContentType("application/x-www-form-urlencoded");
    request.setContent(("username=dpo&password=" + password).getBytes(StandardCharsets.UTF_8));
    return run(request, password.equals("dpo"));
  }

  /** Runs the filter in front of a stand-in for the real login: 200 for the right password, else 401. */
  private MockHttpServletResponse run(MockHttpServletRequest request, boolean rightPassword) throws Exception {
    var response = new MockHttpServletResponse();
    FilterChain login = (req, res) -> ((MockHttpServletResponse) res).setStatus(rightPassword ? 200 : 401);
    filter.doFilter(request, response, login);
    return response;
  }
}
