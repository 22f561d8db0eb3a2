package org.dsrpipeline.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Who the requester is dealing with; shown in every email and page. */
@ConfigurationProperties("dsr.organisation")
public record OrganisationProperties(
    @DefaultValue("Example Ltd") String name,
    @DefaultValue("dpo@example.com") String dpoEmail,
    @DefaultValue("the data protection supervisory authority of your country") String supervisoryAuthority,
    @DefaultValue("http://localhost:8080") String publicBaseUrl) {

  public String url(String path) {
    return publicBaseUrl.replaceAll("/+$", "") + path;
  }
}
