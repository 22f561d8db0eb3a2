package org.dsrpipeline.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.manual.ManualActions;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.support.Chromium;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The DPO's view, in a real browser: log in to Tasklist, find the request's task in the
 * "Data subject requests" filter with its due date, and open its Camunda Form. Needs Debian's
 * chromium and chromium-driver (installed by .ci/run); skipped on a machine without them, except under CI.
 */
class TasklistBrowserIT extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired ManualActions manualActions;
  @Autowired TaskService tasks;
  @Autowired FilterService filters;

  private Chromium chromium;
  private ChromeDriver browser;

  @BeforeEach
  void startBrowser() {
    chromium = Chromium.start();
    browser = chromium.driver();
  }

  @AfterEach
  void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theDpoSeesTheRequestTaskWithItsDueDateAndOpensItsForm() throws Exception {
    // Received 20 days ago, so due in at least 8 days whatever today's date (a month is at least 28 days).
    var reference = recordRequestReceivedOn(LocalDate.now(ZoneId.of("Europe/Athens")).minusDays(20).toString());
    // the review task appears once processes/who-reviews.dmn has run in its own job
    var review = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(reference).taskDefinitionKey("Task_ReviewRequest").singleResult(), t -> t != null);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    logInAsDpoAndOpenTheFilter(wait);
    // Other tests leave their own review tasks open: select this request's task by its id. Tasklist lists
    // the newest tasks first, so the card of the task just created is on the first page.
    browser.get(browser.getCurrentUrl().replaceFirst("#.*$", "") + "#/?filter=" + filterId() + "&task=" + review.getId());
    var task = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.task.active")));
    screenshot("tasklist-list");
    assertThat(task.getText()).contains("Review request");
    assertThat(task.getText()).containsPattern("Due in \\d+ days");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Decision"));
    screenshot("tasklist-form");
    assertThat(browser.findElement(By.tagName("body")).getText())
        .contains("Proceed: carry out the request", "Refuse: manifestly unfounded or excessive",
            "Earlier requests from the same requester");
  }

  @Test
  void theDpoClaimsAReviewFillsItsFormCompletesItAndTheDashboardCountsTheAnswer() {
    var reference = recordRequestReceivedOn(LocalDate.now(ZoneId.of("Europe/Athens")).minusDays(1).toString());
    var review = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(reference).taskDefinitionKey("Task_ReviewRequest").singleResult(), t -> t != null);
    var answeredBefore = answeredOnDashboard();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    logInAsDpoAndOpenTheFilter(wait);
    browser.get(browser.getCurrentUrl().replaceFirst("#.*$", "") + "#/?filter=" + filterId() + "&task=" + review.getId());
    var card = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.task.active")));
    assertThat(card.getText()).contains("Review request · " + reference + " · Access (Art. 15)");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "legal due date"));
    assertThat(chromium.text()).contains(reference + " · Access (Art. 15) · received", "(post)",
        "Open the request's page").doesNotContain("It is time to migrate to Camunda 8");
    assertThat(browser.findElement(By.linkText("Open the request's page")).getDomAttribute("href"))
        .isEqualTo("/dpo/requests/" + reference);

    click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[normalize-space(text())='Claim']"))));
    wait.until(driver -> "dpo".equals(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()));
    click(wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//label[contains(normalize-space(.), 'Refuse: manifestly unfounded')]"))));
    var reasons = "textarea:not([readonly])";
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(reasons)));
    chromium.filled(By.cssSelector(reasons), "This repeats the request answered last week.");
    screenshot("tasklist-review-filled");
    click(browser.findElement(By.xpath("//button[normalize-space(text())='Complete']")));
    wait.until(driver -> tasks.createTaskQuery().taskId(review.getId()).count() == 0);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> answeredOnDashboard() > answeredBefore);
    browser.get("http://dpo:dpo@localhost:" + port + "/dpo/dashboard");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("answered")));
    assertThat(Integer.parseInt(browser.findElement(By.id("answered")).getText())).isGreaterThan(answeredBefore);
    // answers per month and days left always have their rows; open requests by right only when some are open
    assertThat(browser.findElements(By.cssSelector("#chart-1 svg[role=img], #chart-2 svg[role=img]"))).hasSize(2);
    assertThat(browser.findElement(By.cssSelector("#chart-2 svg")).getText()).contains("on time");
    screenshot("dpo-dashboard");
  }

  private int answeredOnDashboard() {
    var page = http.withBasicAuth("dpo", "dpo").getForObject("/dpo/dashboard", String.class);
    var matcher = java.util.regex.Pattern.compile("id=\"answered\">(\\d+)<").matcher(page);
    assertThat(matcher.find()).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  private String filterId() {
    return filters.createFilterQuery().filterName("Data subject requests").singleResult().getId();
  }

  @Test
  void aManualActionTaskLinksToTheActionsPage() {
    var reference = recordRequestReceivedOn(LocalDate.now(ZoneId.of("Europe/Athens")).minusDays(3).toString());
    var action = manualActions.open(RequestRef.of(reference), "paper-archive", Operation.ERASE,
        "Shred the folder in room B");
    var task = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(reference).taskDefinitionKey("Task_CarryOutManualAction").singleResult(),
        t -> t != null);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    logInAsDpoAndOpenTheFilter(wait);
    // other tests leave many tasks open: open this one by its id, as a link to it would
    browser.get(browser.getCurrentUrl().replaceFirst("#.*$", "") + "#/?filter=" + filterId() + "&task=" + task.getId());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Manual action in store"));
    wait.until(driver -> ("/dpo/manual-actions/" + action.id()).equals(linkHref()));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Manual action in store paper-archive",
        "Carry out manual action · " + reference);
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Shred the folder");
  }

  private String linkHref() {
    return browser.findElement(By.linkText("Open the action's page")).getDomAttribute("href");
  }

  private void logInAsDpoAndOpenTheFilter(WebDriverWait wait) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[ng-model='username']")));
    wait.until(driver -> typed("input[ng-model='username']", "dpo") && typed("input[ng-model='password']", "dpo"));
    click(browser.findElement(By.cssSelector("button[type='submit']")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Data subject requests"));
    click(browser.findElement(By.xpath("//*[contains(text(),'Data subject requests')]")));
  }

  private boolean typed(String css, String text) {
    return chromium.typed(By.cssSelector(css), text);
  }

  private void click(org.openqa.selenium.WebElement element) {
    chromium.click(element);
  }

  private String recordRequestReceivedOn(String date) {
    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST,
        json(Map.of("type", "ACCESS", "email", "browser-" + UUID.randomUUID() + "@example.org", "channel", "POST",
            "receivedAt", date, "identityVerified", true)), Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

  private void screenshot(String name) {
    chromium.screenshot(name);
  }
}
