package org.dsrpipeline.notify;

import java.net.URI;
import org.dsrpipeline.security.DeploymentSecrets;
import org.springframework.stereotype.Component;

/**
 * The Message-ID of an outbox email: the same on every attempt (so a mail system can drop the duplicate
 * of a retried send), and unique across deployments: it carries the deployment's random id, kept once in
 * the database, and the host of the public base URL.
 */
@Component
class MessageIds {

  private final DeploymentSecrets deployment;
  private final String host;

  MessageIds(DeploymentSecrets deployment, OrganisationProperties organisation) {
    this.deployment = deployment;
    this.host = hostOf(organisation.publicBaseUrl());
  }

  String of(long emailId) {
    return "<dsr-outbox-" + emailId + "." + deployment.deploymentId() + "@" + host + ">";
  }

  static String hostOf(String url) {
    try {
      var host = URI.create(url.strip()).getHost();
      return host == null || host.isBlank() ? "dsr-pipeline" : host;
    } catch (IllegalArgumentException e) {
      return "dsr-pipeline";
    }
  }
}
