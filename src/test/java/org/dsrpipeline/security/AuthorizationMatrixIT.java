package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.delivery.Downloads;
import org.dsrpipeline.delivery.PackageStore;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The README's table "Who may do what", cell by cell: each actor makes the row's call and gets the status the
 * cell says. The table is read from README.md, so that the documented and the tested matrix cannot drift.
 */
class AuthorizationMatrixIT extends IntegrationTest {

  enum Actor { ANONYMOUS, OWN_LINK, ANOTHERS_LINK, OUTSIDE_DPO, DPO, ADMIN }

  record Row(String surface, String call, List<String> cells) {
  }

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired StatusLinks statusLinks;
  @Autowired PackageStore packages;
  @Autowired Downloads downloads;
  @Autowired JdbcTemplate jdbc;

  private DsrApi api;
  private String reference;
  private String other;
  private final Map<String, String> ownLinks = new java.util.HashMap<>();
  private final Map<String, String> forgedLinks = new java.util.HashMap<>();

  @BeforeEach
  void aRequestWithEveryKindOfLink() {
    DsrApi.ensureUsers(identity);
    api = new DsrApi(http, tasks);
    reference = api.recordVerified(DsrApi.uniqueEmail(), LocalDate.now());
    other = api.recordVerified(DsrApi.uniqueEmail(), LocalDate.now());
    api.awaitTask(reference, "Task_ReviewRequest");
    var requestId = jdbc.queryForObject("select id from dsr_request where reference = ?", Long.class, reference);

    ownLinks.put("status", "/status/" + statusLinks.tokenFor(reference));
    forgedLinks.put("status", "/status/" + reference + "." + statusLinks.tokenFor(other).substring(other.length() + 1));

    var pendingEmail = DsrApi.uniqueEmail();
    http.postForEntity("/api/requests", Map.of("type", "ACCESS", "email", pendingEmail), String.class);
    var verify = await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(pendingEmail).stream()
        .filter(m -> Mails.body(m).contains("/verify/")).findFirst(), java.util.Optional::isPresent).orElseThrow();
    ownLinks.put("verification", Mails.linkPath(verify, "/verify/"));
    forgedLinks.put("verification", "/verify/" + OneTimeTokens.newToken());

    var packageId = packages.create(requestId, PackageStore.Kind.RELEASED, null, Instant.now().plus(1, ChronoUnit.DAYS));
    try (var writer = packages.writer(packageId)) {
      writer.write("a package".getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    var download = java.net.URI.create(downloads.linkFor(reference).orElseThrow()).getPath();
    ownLinks.put("download", download);
    forgedLinks.put("download", download.replace(reference, other));

    var controllerToken = OneTimeTokens.newToken();
    jdbc.update("insert into dsr_controller_request (request_id, operation, controller_id, controller_name, address,"
        + " language, records, stores, status, token_hash, asked_at, expires_at) values (?, 'ERASE', '10',"
        + " 'A controller customer', 'customer@example.org', 'en', 1, 'message-log', 'ASKED', ?, ?, ?)", requestId,
        OneTimeTokens.hash(controllerToken), Timestamp.from(Instant.now()),
        Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS)));
    ownLinks.put("controller page", "/controller/" + controllerToken);
    forgedLinks.put("controller page", "/controller/" + OneTimeTokens.newToken());

    var recipientToken = OneTimeTokens.newToken();
    jdbc.update("insert into dsr_recipient_notice (request_id, recipient_name, address, stores, operations, status,"
        + " token_hash, notified_at, expires_at) values (?, 'Company branches abroad', 'dpo@apifon.com',"
        + " 'customer-accounts', 'ERASE', 'NOTIFIED', ?, ?, ?)", requestId, OneTimeTokens.hash(recipientToken),
        Timestamp.from(Instant.now()), Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS)));
    ownLinks.put("recipient page", "/recipient/" + recipientToken);
    forgedLinks.put("recipient page", "/recipient/" + OneTimeTokens.newToken());
  }

  @Test
  void everyCellOfTheReadmesTableHolds() throws Exception {
    var rows = readmeRows();
    assertThat(rows).extracting(Row::surface).contains("intake", "status", "verification", "download",
        "controller page", "recipient page", "DPO API", "DPO pages", "engine REST", "Tasklist", "Cockpit", "Admin",
        "Actuator");
    var failures = new ArrayList<String>();
    int cells = 0;
    for (var row : rows) {
      for (var actor : Actor.values()) {
        var expected = row.cells().get(actor.ordinal()).strip();
        if (expected.equals("-")) {
          continue;
        }
        cells++;
        var got = call(row, actor);
        if (!got.equals(expected)) {
          failures.add(row.surface() + " / " + actor + ": expected " + expected + ", got " + got);
        }
      }
    }
    assertThat(failures).as("cells that do not hold").isEmpty();
    assertThat(cells).isGreaterThanOrEqualTo(60);
  }

  private String call(Row row, Actor actor) {
    var client = switch (actor) {
      case OUTSIDE_DPO -> http.withBasicAuth(DsrApi.INTERN, DsrApi.INTERN_PASSWORD);
      case DPO -> http.withBasicAuth("dpo", "dpo");
      case ADMIN -> http.withBasicAuth("admin", "admin");
      default -> http;
    };
    if (row.call().startsWith("login to ")) {
      return String.valueOf(login(row.call().substring("login to ".length()), actor));
    }
    var method = HttpMethod.valueOf(row.call().substring(0, row.call().indexOf(' ')));
    var path = row.call().substring(row.call().indexOf(' ') + 1).replace("{reference}", reference);
    if (path.contains("{token}")) {
      var kind = row.surface();
      path = actor == Actor.OWN_LINK ? ownLinks.get(kind) : actor == Actor.ANOTHERS_LINK ? forgedLinks.get(kind)
          : path.replace("{token}", "no-such-token");
    }
    var headers = new HttpHeaders();
    headers.setAccept(List.of(row.surface().equals("status") ? MediaType.APPLICATION_JSON : MediaType.TEXT_HTML,
        MediaType.ALL));
    HttpEntity<Object> entity = new HttpEntity<>(headers);
    if (method == HttpMethod.POST) {
      headers.setContentType(MediaType.APPLICATION_JSON);
      entity = new HttpEntity<>(Map.of("type", "ACCESS", "email", DsrApi.uniqueEmail()), headers);
    }
    var response = client.exchange(path, method, entity, String.class);
    var status = String.valueOf(response.getStatusCode().value());
    if (row.surface().equals("engine REST") && response.getStatusCode().is2xxSuccessful()
        && "[]".equals(response.getBody())) {
      return status + " empty";
    }
    return status;
  }

  /** The web apps' own login, as their login page posts it: with the CSRF token and cookies its page hands out. */
  private int login(String app, Actor actor) {
    var user = switch (actor) {
      case OUTSIDE_DPO -> DsrApi.INTERN;
      case DPO -> "dpo";
      case ADMIN -> "admin";
      default -> "";
    };
    var password = user.isEmpty() ? "" : DsrApi.passwordOf(user);
    var page = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.set("X-XSRF-TOKEN", page.getHeaders().getFirst("X-XSRF-TOKEN"));
    headers.set(HttpHeaders.COOKIE, String.join("; ", page.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
        .map(cookie -> cookie.split(";", 2)[0]).toList()));
    var form = new LinkedMultiValueMap<String, String>();
    form.add("username", user);
    form.add("password", password);
    return http.exchange("/camunda/api/admin/auth/user/default/login/" + app, HttpMethod.POST,
        new HttpEntity<>(form, headers), String.class).getStatusCode().value();
  }

  private static List<Row> readmeRows() throws Exception {
    var readme = Files.readString(Path.of("README.md"));
    var table = readme.substring(readme.indexOf("<!-- authorization:start -->"),
        readme.indexOf("<!-- authorization:end -->"));
    var rows = new ArrayList<Row>();
    for (var line : table.split("\n")) {
      var columns = line.strip().replaceAll("^\\||\\|$", "").split("\\|");
      if (columns.length != 8 || columns[0].strip().equals("surface") || columns[0].strip().startsWith("---")) {
        continue;
      }
      var cells = new ArrayList<String>();
      for (int i = 2; i < 8; i++) {
        cells.add(columns[i].strip());
      }
      rows.add(new Row(columns[0].strip(), columns[1].replace("`", "").strip(), cells));
    }
    return rows;
  }
}
