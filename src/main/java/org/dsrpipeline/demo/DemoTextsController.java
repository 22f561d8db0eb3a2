package org.dsrpipeline.demo;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * DEMO: the texts the demo SMS gateway took (codes included), beside the demo mailbox and under its
 * rule: only with the demo mailbox on and only on the embedded H2 default, never beside a production database.
 */
@RestController
@ConditionalOnExpression("${dsr.demo.stores.enabled:false} and ${dsr.demo.mailbox.enabled:false} "
    + "and '${spring.datasource.url:}'.startsWith('jdbc:h2:')")
class DemoTextsController {

  private final DemoTexts texts;

  DemoTextsController(DemoTexts texts) {
    this.texts = texts;
  }

  @GetMapping(path = "/demo/texts", produces = MediaType.APPLICATION_JSON_VALUE)
  List<DemoTexts.Text> texts() {
    return texts.all();
  }
}
