package org.dsrpipeline.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.dsrpipeline.notify.OrganisationProperties;
import org.springframework.stereotype.Component;

/**
 * Whether a form post on an anonymous page comes from this service's own pages. A browser tells where a form it
 * posts comes from: Sec-Fetch-Site, or the Origin, which must be the public address or the one the request came
 * to. Clients that send neither (curl) are judged by the form's nonce alone.
 */
@Component
public class SameOriginPosts {

  private final OrganisationProperties organisation;

  SameOriginPosts(OrganisationProperties organisation) {
    this.organisation = organisation;
  }

  public boolean fromOwnPage(HttpServletRequest http) {
    var site = http.getHeader("Sec-Fetch-Site");
    if (site != null) {
      return site.equals("same-origin") || site.equals("none");
    }
    var origin = http.getHeader("Origin");
    if (origin == null || origin.isBlank()) {
      return true;
    }
    return origin.equalsIgnoreCase(originOf(organisation.publicBaseUrl()))
        || origin.equalsIgnoreCase(originOf(http.getRequestURL().toString()));
  }

  private static String originOf(String url) {
    try {
      var uri = URI.create(url);
      return uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (IllegalArgumentException malformed) {
      return "";
    }
  }
}
