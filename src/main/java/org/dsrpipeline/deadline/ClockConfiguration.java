package org.dsrpipeline.deadline;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(ClockProperties.class)
public class ClockConfiguration {
}
