package org.dsrpipeline.request;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a closed request keeps who it was for ({@code retention}, from its closing), and how often closed
 * requests are checked ({@code checkInterval}).
 */
@ConfigurationProperties("dsr.evidence")
public record EvidenceProperties(@DefaultValue("P1095D") Duration retention, @DefaultValue("PT1H") Duration checkInterval) {
}
