package org.dsrpipeline.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * One set of users for everything: the application's API checks the same users, passwords and
 * groups as Tasklist and the engine REST API. A group {@code dpo} becomes authority {@code GROUP_dpo}.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identity;

  CamundaIdentityAuthenticationProvider(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    var user = authentication.getName();
    var password = String.valueOf(authentication.getCredentials());
    if (user == null || user.isBlank() || !identity.checkPassword(user, password)) {
      throw new BadCredentialsException("Bad credentials");
    }
    var authorities = identity.createGroupQuery().groupMember(user).list().stream()
        .map(group -> new SimpleGrantedAuthority("GROUP_" + group.getId()))
        .toList();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
