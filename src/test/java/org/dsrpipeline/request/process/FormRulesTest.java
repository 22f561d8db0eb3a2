package org.dsrpipeline.request.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule a Camunda Form enforces in Tasklist is one the server enforces too (FormRules), and no other. */
class FormRulesTest {

  static Stream<Path> forms() throws IOException {
    return Files.list(Path.of("processes/forms")).filter(p -> p.toString().endsWith(".form")).sorted();
  }

  @ParameterizedTest
  @MethodSource("forms")
  void theServerEnforcesExactlyTheRulesOfTheForm(Path form) throws IOException {
    var json = new ObjectMapper().readTree(form.toFile());
    var formId = json.get("id").asText();
    assertThat(FormRules.knows(formId)).as("FormRules knows " + formId).isTrue();

    var expected = new ArrayList<FormRules.Field>();
    for (var component : json.get("components")) {
      if (!component.has("key") || component.path("readonly").asBoolean(false)) {
        continue;
      }
      expected.add(fieldOf(component));
    }
    assertThat(FormRules.of(formId)).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** The rule a form component states: required (or required unless hidden), allowed values, maxLength. */
  private static FormRules.Field fieldOf(JsonNode component) {
    var validate = component.path("validate");
    var required = validate.path("required").asBoolean(false);
    var maxLength = validate.has("maxLength") ? validate.get("maxLength").asInt() : null;
    var values = new ArrayList<String>();
    component.path("values").forEach(v -> values.add(v.get("value").asText()));
    String whenKey = null;
    String whenValue = null;
    var hide = component.path("conditional").path("hide").asText("");
    if (required && !hide.isEmpty()) {
      // "=decision != \"refuse\"": shown, and so required, only when decision is "refuse"
      var condition = hide.substring(1).split("!=");
      whenKey = condition[0].strip();
      whenValue = condition[1].strip().replace("\"", "");
      required = false;
    }
    return new FormRules.Field(component.get("key").asText(), component.get("label").asText().replaceAll(" \\(.*\\)$", ""),
        required, whenKey, whenValue, maxLength, List.copyOf(values), "checkbox".equals(component.get("type").asText()));
  }
}
