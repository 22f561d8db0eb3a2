package org.dsrpipeline.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * The table of endpoints in docs/api.md (linked from the README), the served OpenAPI description and the service agree: every row is
 * described with its method, every described operation is a row, and each answers an anonymous caller as
 * the row's login says.
 */
class OpenApiIT extends IntegrationTest {

  record Row(String method, String path, String login, String what) {

    boolean demo() {
      return what.startsWith("DEMO");
    }
  }

  private static final Pattern ROW = Pattern.compile("^\\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\| ([a-z ]+) \\| (.+) \\|$");

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;

  @Test
  void everyDocumentedEndpointIsDescribedAndAnswersAsDocumented() throws Exception {
    var rows = documentedRows();
    assertThat(rows).hasSizeGreaterThan(50);
    var description = http.getForEntity("/v3/api-docs", String.class);
    assertThat(description.getStatusCode().value()).isEqualTo(200);
    var paths = json.readTree(description.getBody()).path("paths");
    var described = operations(paths);
    var soft = new SoftAssertions();
    for (var row : rows) {
      var key = row.method() + " " + row.path();
      var status = anonymous(row);
      if (row.demo() && !described.contains(key)) {
        soft.assertThat(status).as("%s: DEMO endpoint not deployed in this configuration", key).isEqualTo(404);
        continue;
      }
      soft.assertThat(described).as("OpenAPI description").contains(key);
      switch (row.login()) {
        case "dpo" -> soft.assertThat(status).as("%s without a login", key).isIn(401, 403);
        case "token" -> soft.assertThat(status).as("%s without the store's token", key).isEqualTo(401);
        case "none", "secret link" -> soft.assertThat(status).as("%s anonymous", key)
            .isNotIn(401, 403).isLessThan(500);
        default -> soft.fail("%s: unknown login column '%s'", key, row.login());
      }
    }
    var documented = rows.stream().map(r -> r.method() + " " + r.path()).toList();
    soft.assertThat(documented).as("docs/api.md's table of endpoints").containsAll(described);
    var dpoSearch = paths.path("/api/dpo/requests/search").path("post").path("security");
    soft.assertThat(dpoSearch.toString()).contains(OpenApiConfiguration.DPO_LOGIN);
    soft.assertThat(paths.path("/api/requests").path("post").path("security").isMissingNode()).isTrue();
    soft.assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().value()).isEqualTo(200);
    soft.assertAll();
  }

  @Test
  void theReadmesIntakeExampleIsTheDescriptionsExampleAndIsAccepted() throws Exception {
    var description = json.readTree(http.getForEntity("/v3/api-docs", String.class).getBody());
    var example = description.at("/paths/~1api~1requests/post/requestBody/content/application~1json/examples");
    assertThat(example.isMissingNode()).isFalse();
    var erasure = example.path("erasure").path("value");
    var readme = Files.readString(Path.of("README.md"));
    assertThat(readme).as("the walk-through's curl example").contains(erasure.toString());
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var filed = http.exchange("/api/requests", HttpMethod.POST,
        new HttpEntity<>(json.writeValueAsString(erasure), headers), JsonNode.class);
    assertThat(filed.getStatusCode().value()).isEqualTo(201);
    assertThat(filed.getBody().path("reference").asText()).startsWith("DSR-");
  }

  @Test
  void everyExampleOfTheDescriptionIsOneOfTheDocs() throws Exception {
    var description = json.readTree(http.getForEntity("/v3/api-docs", String.class).getBody());
    var docs = new StringBuilder(Files.readString(Path.of("README.md")));
    try (var files = Files.list(Path.of("docs"))) {
      for (var file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
        docs.append(Files.readString(file));
      }
    }
    var documented = docs.toString().replaceAll("\\s", "");
    var examples = new ArrayList<String>();
    description.findValues("examples").forEach(set -> set.forEach(e -> examples.add(e.path("value").toString())));
    assertThat(examples).as("examples in the description").hasSizeGreaterThanOrEqualTo(9);
    assertThat(examples).allSatisfy(e -> assertThat(documented).contains(e.replaceAll("\\s", "")));
  }

  private int anonymous(Row row) {
    var path = row.path().replace("{token}", "no-such-token").replace("{reference}", "DSR-1999-999999")
        .replace("{id}", "999999").replace("{index}", "0");
    var headers = new HttpHeaders();
    HttpEntity<String> body = new HttpEntity<>(headers);
    if (!row.method().equals("GET") && !row.method().equals("DELETE")) {
      headers.setContentType(MediaType.APPLICATION_JSON);
      body = new HttpEntity<>("{}", headers);
    }
    return http.exchange(path, HttpMethod.valueOf(row.method()), body, String.class).getStatusCode().value();
  }

  private static List<Row> documentedRows() throws Exception {
    var readme = Files.readString(Path.of("docs/api.md"));
    var table = readme.substring(readme.indexOf("<!-- endpoints:start -->"), readme.indexOf("<!-- endpoints:end -->"));
    var rows = new ArrayList<Row>();
    for (var line : table.split("\n")) {
      var m = ROW.matcher(line.strip());
      if (m.matches()) {
        rows.add(new Row(m.group(1), m.group(2), m.group(3), m.group(4)));
      }
    }
    return rows;
  }

  private static TreeSet<String> operations(JsonNode paths) {
    var operations = new TreeSet<String>();
    paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
        operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }));
    return operations;
  }
}
