package org.dsrpipeline.workflow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The DPO account created at start-up when it does not exist yet (member of group {@code dpo}). */
@ConfigurationProperties("dsr.dpo-user")
public record DpoUserProperties(
    @DefaultValue("true") boolean create,
    @DefaultValue("dpo") String id,
    @DefaultValue("dpo") String password,
    @DefaultValue("Data Protection") String firstName,
    @DefaultValue("Officer") String lastName,
    @DefaultValue("dpo@example.com") String email) {
}
