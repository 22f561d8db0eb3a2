package org.dsrpipeline.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Who may call what. Anonymous: filing a request, the requester's secret links, health. The DPO
 * API: HTTP Basic, group {@code dpo}. Camunda's web apps keep their own login and CSRF protection;
 * the engine REST API is guarded by Camunda's own Basic-auth filter, so that the engine's
 * authorizations apply to the authenticated user.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

  static final String DPO = "GROUP_dpo";
  static final String ADMIN = "GROUP_camunda-admin";

  @Bean
  @Order(1)
  SecurityFilterChain camundaChain(HttpSecurity http) throws Exception {
    return http
        .securityMatcher(new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/camunda/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**")))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .securityContext(AbstractHttpConfigurer::disable)
        .sessionManagement(AbstractHttpConfigurer::disable)
        .build();
  }

  /** The DPO's pages: HTTP Basic like the DPO API, and CSRF tokens because they carry HTML forms. */
  @Bean
  @Order(2)
  SecurityFilterChain dpoPagesChain(HttpSecurity http) throws Exception {
    return http
        .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/dpo/**"))
        .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(DPO))
        .httpBasic(Customizer.withDefaults())
        .csrf(Customizer.withDefaults())
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain applicationChain(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.POST, "/api/requests").permitAll()
            // the portal's forms (request/PortalController): the same intake, as HTML; same-origin posts only
            .requestMatchers(HttpMethod.POST, "/requests").permitAll()
            .requestMatchers(HttpMethod.GET, "/status/*", "/verify/*").permitAll()
            // the confirmation itself; its form carries a nonce of FormNonces instead of a session's CSRF token
            .requestMatchers(HttpMethod.POST, "/verify/*").permitAll()
            // a recipient's Art. 19 notice behind its secret link (rights/recipients); its form carries a nonce too
            .requestMatchers("/recipient/*").permitAll()
            // a controller customer's answer behind its secret link (rights/controllers): the page (nonce) and JSON
            .requestMatchers("/controller/*").permitAll()
            .requestMatchers(HttpMethod.GET, "/api/controller/*").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/controller/*").permitAll()
            // the requester's package behind the completion email's secret link; the POST carries a FormNonces nonce
            .requestMatchers(HttpMethod.GET, "/download/*").permitAll()
            .requestMatchers(HttpMethod.POST, "/download/*").permitAll()
            .requestMatchers(HttpMethod.GET, "/demo/mailbox").permitAll()
            // the requester proves their phone behind their secret status link (rights/proof)
            .requestMatchers(HttpMethod.GET, "/phone-proof/*").permitAll()
            .requestMatchers(HttpMethod.POST, "/phone-proof/*", "/phone-proof/*/send").permitAll()
            .requestMatchers(HttpMethod.POST, "/demo/sms-gateway/messages").permitAll()
            .requestMatchers(HttpMethod.GET, "/demo/texts").permitAll()
            .requestMatchers("/demo/helpdesk/**", "/demo/crm/**").permitAll()
            .requestMatchers("/actuator/health/**", "/actuator/info").permitAll()
            // the OpenAPI description and Swagger UI (openapi/): what the API is, never data
            .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
            .permitAll()
            .requestMatchers("/error").permitAll()
            .requestMatchers(HttpMethod.GET, "/", "/favicon.ico", "/css/**").permitAll()
            .requestMatchers("/api/dpo/**").hasAuthority(DPO)
            .requestMatchers("/actuator/**").hasAnyAuthority(ADMIN, DPO)
            .anyRequest().denyAll())
        .httpBasic(Customizer.withDefaults())
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-auth");
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    return registration;
  }
}
