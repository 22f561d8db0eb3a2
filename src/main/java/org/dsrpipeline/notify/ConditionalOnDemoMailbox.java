package org.dsrpipeline.notify;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * The demo mail catcher shows every one-time link to anyone: it runs only when enabled and only on
 * the embedded H2 default, never beside a production database, whatever the profile.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnExpression("${dsr.demo.mailbox.enabled:false} and '${spring.datasource.url:}'.startsWith('jdbc:h2:')")
@interface ConditionalOnDemoMailbox {
}
