package org.dsrpipeline.datamap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlTemplateTest {

  @Test
  void aValueWithUrlMetacharactersStaysOneValue() {
    var template = UrlTemplate.parse("GET /contacts?email={email}&page={page}");
    var email = "a+b&c=d/../?#@x.gr";

    var uri = template.expand("https://crm.example/api/", Map.of("email", email, "page", "2"));

    assertThat(uri.getRawPath()).isEqualTo("/api/contacts");
    assertThat(uri.getRawQuery()).isEqualTo("email=a%2Bb%26c%3Dd%2F..%2F%3F%23%40x.gr&page=2");
    assertThat(uri.getRawFragment()).isNull();
    var value = uri.getRawQuery().substring("email=".length(), uri.getRawQuery().indexOf("&page"));
    assertThat(URLDecoder.decode(value, StandardCharsets.UTF_8)).isEqualTo(email);
  }

  @Test
  void aValueInThePathCannotAddSegments() {
    var uri = UrlTemplate.parse("DELETE /contacts/{id}").expand("http://crm.example", Map.of("id", "../admin users"));

    assertThat(uri.getRawPath()).isEqualTo("/contacts/..%2Fadmin%20users");
  }

  @Test
  void itNamesItsPlaceholders() {
    assertThat(UrlTemplate.parse("GET /t?email={email}&page={page}").placeholders()).containsExactly("email", "page");
  }

  @Test
  void aMissingValueIsRefused() {
    assertThatThrownBy(() -> UrlTemplate.parse("GET /t/{id}").expand("http://x", Map.of()))
        .hasMessage("no value for {id} in GET /t/{id}");
  }
}
