package org.dsrpipeline.rights.recipients;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dsr.recipients}: how long a recipient's notice link works ({@code link-validity}) and the language of the
 * notice ({@code language}, {@code en} or {@code el}).
 */
@ConfigurationProperties("dsr.recipients")
public record RecipientProperties(@DefaultValue("P30D") Duration linkValidity, @DefaultValue("en") String language) {

  public RecipientProperties {
    if (linkValidity == null || linkValidity.isNegative() || linkValidity.isZero()) {
      throw new IllegalArgumentException("dsr.recipients.link-validity (DSR_RECIPIENT_LINK_VALIDITY) must be a "
          + "positive duration, such as P30D; it is " + linkValidity);
    }
    if (!"en".equals(language) && !"el".equals(language)) {
      throw new IllegalArgumentException("dsr.recipients.language (DSR_RECIPIENT_LANGUAGE) must be en or el; it is "
          + language);
    }
  }
}
