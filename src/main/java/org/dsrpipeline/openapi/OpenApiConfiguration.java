package org.dsrpipeline.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 description served at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): the
 * requesters' API and pages, the links' pages, and the DPO's API and pages, which need HTTP Basic as a
 * member of group {@code dpo}. Camunda's own REST API ({@code /engine-rest}) is described by Camunda.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String DPO_LOGIN = "dpoBasic";

  @Bean
  OpenAPI dsrPipelineApi() {
    return new OpenAPI()
        .info(new Info().title("DSR pipeline").version("1")
            .description("GDPR data-subject requests: file a request, confirm it, follow it; the DPO's API. "
                + "Paths under /api/dpo and /dpo need HTTP Basic as a member of group dpo. "
                + "Errors are RFC 7807 problems (application/problem+json).")
            .license(new License().name("Apache-2.0")))
        .components(new Components().addSecuritySchemes(DPO_LOGIN,
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A Camunda user in group dpo (the demo's dpo / dpo)")));
  }

  /**
   * The server-rendered pages (Spring MVC {@code @Controller}s: the portal, the links' pages, the DPO's pages)
   * are described too, not only the JSON controllers springdoc takes by default.
   */
  @Bean
  static SmartInitializingSingleton describeThePages(ListableBeanFactory beans) {
    return () -> SpringDocUtils.getConfig().addRestControllers(Arrays.stream(beans.getBeanNamesForAnnotation(Controller.class))
        .map(beans::getType).filter(type -> type != null && type.getPackageName().startsWith("org.dsrpipeline"))
        .map(ClassUtils::getUserClass).toArray(Class<?>[]::new));
  }

  /** The DPO's paths say that they need the login; the anonymous ones need none. */
  @Bean
  OpenApiCustomizer dpoPathsNeedTheLogin() {
    return api -> api.getPaths().forEach((path, item) -> {
      if (path.startsWith("/api/dpo") || path.startsWith("/dpo/")) {
        item.readOperations().forEach(operation -> operation.addSecurityItem(new SecurityRequirement().addList(DPO_LOGIN)));
      }
    });
  }
}
