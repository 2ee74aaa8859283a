package it.io.gatehouse.ui;

import static it.io.gatehouse.support.Gateway.authorized;
import static it.io.gatehouse.support.Gateway.devToken;
import static it.io.gatehouse.support.Gateway.get;
import static it.io.gatehouse.support.Gateway.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.gatehouse.support.Gateway;
import it.io.gatehouse.support.SshTarget;
import it.io.gatehouse.support.TargetDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reviewer's side of the admin app in a real headless Chromium: a statement held for review
 * shows up in the inbox while the JDBC client waits and runs once rita approves it; nobody approves
 * their own request; a live session is terminated from its page; a recorded SSH session plays in
 * the terminal player; the pages run under a Content-Security-Policy without a violation.
 */
class ReviewerUiIT {

  static final int PG_PORT = Integer.getInteger("it.pg.port", 15432);
  static final String CONNECTION = "it-ui-review";
  static final String SSH_CONNECTION = "it-ui-ssh";
  static final String TABLE = "it_ui_review_orders";
  static final String POLICY =
      """
      {"name":"it-ui-review","rules":[{"id":"review-deletes","action":"review",
        "when":{"sql":{"kinds":["DELETE"]}}}],
       "review":{"approverGroups":["gatehouse-reviewer","gatehouse-admin"],"minApprovals":1,
                 "timeoutSeconds":120,"approvalWindowSeconds":60}}
      """;

  static AdminBrowser browser;
  static SshTarget ssh;
  static String admin;
  static String sshSessionId;

  @BeforeAll
  static void setUp() throws Exception {
    TargetDatabase target = TargetDatabase.shared();
    try (Connection c = target.superuser();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
      s.execute("CREATE TABLE " + TABLE + " (id int primary key, note text)");
      s.execute("INSERT INTO " + TABLE + " SELECT g, 'n' || g FROM generate_series(1, 5) g");
    }
    admin = devToken("it-ui-admin", "gatehouse-admin");
    HttpResponse<String> policy =
        send(
            authorized("/api/v1/policies/it-ui-review", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(POLICY)));
    assertTrue(policy.statusCode() / 100 == 2, "policy stored: " + policy.body());
    send(authorized("/api/v1/connections/" + CONNECTION, admin).DELETE());
    HttpResponse<String> created =
        send(
            authorized("/api/v1/connections", admin)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"name":"%s","type":"postgres",
                         "target":{"host":"127.0.0.1","port":%d,"database":"%s"},
                         "tls":{"mode":"disable"},
                         "credential":{"username":"%s","password":"%s"},
                         "accessGroups":["ui-review"],"policy":"it-ui-review"}
                        """
                            .formatted(
                                CONNECTION,
                                target.port(),
                                TargetDatabase.DATABASE,
                                TargetDatabase.SUPERUSER,
                                TargetDatabase.SUPERUSER_PASSWORD))));
    assertEquals(201, created.statusCode(), "connection registered: " + created.body());

    // An SSH session recorded through the gateway, output spread over time.
    ssh = SshTarget.start(SSH_CONNECTION, "ui-ssh", admin);
    SshTarget.Result ran =
        ssh.ssh(
            devToken("sam", "ui-ssh"),
            "for i in 1 2 3; do echo tick-$i; sleep 0.4; done; echo replay-done");
    assertEquals(0, ran.exit(), "ssh through the gateway: " + ran);
    sshSessionId = awaitReplayableSession();
    browser = new AdminBrowser();
  }

  static String awaitReplayableSession() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<String> ids = sessionIds(SSH_CONNECTION, null);
      if (!ids.isEmpty()
          && get("/api/v1/sessions/" + ids.get(0) + "/replay", admin)
              .body()
              .contains("replay-done")) {
        return ids.get(0);
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the SSH session's recording did not reach the store in 30 s");
  }

  static List<String> sessionIds(String connection, String status) {
    HttpResponse<String> list =
        get(
            "/api/v1/sessions?connection="
                + connection
                + (status == null ? "" : "&status=" + status),
            admin);
    assertEquals(200, list.statusCode(), list.body());
    JsonArray rows = Json.createReader(new StringReader(list.body())).readArray();
    return rows.stream().map(JsonValue::asJsonObject).map(o -> o.getString("id")).toList();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (ssh != null) {
      ssh.close();
    }
  }

  @AfterEach
  void noCspViolationsAndLogOut() {
    List<String> violations = browser.cspViolations();
    browser.driver.manage().deleteAllCookies();
    assertEquals(List.of(), violations, "no page broke the Content-Security-Policy");
  }

  static Connection connectAs(String subject, String group) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + CONNECTION + "?sslmode=require",
        subject,
        devToken(subject, group));
  }

  @Test
  void aHeldStatementAppearsLiveAndRunsOnceRitaApprovesIt() throws Exception {
    browser.loginAndOpen("rita", "rita-dev", "inbox.xhtml");
    browser.waitFor(By.id("inbox:count"));
    String statement = "DELETE FROM " + TABLE + " WHERE note = 'n1' AND id = 1";
    try (Connection c = connectAs("uma", "ui-review");
        Statement s = c.createStatement()) {
      CompletableFuture<Integer> held =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return s.executeUpdate(statement);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      // No reload: the page's poll brings the new item.
      WebElement item = itemWith(statement);
      String text = item.getText();
      assertTrue(text.contains("uma"), "the requester: " + text);
      assertTrue(text.contains(CONNECTION), "the connection: " + text);
      assertTrue(text.contains("review-deletes"), "the rule that held it: " + text);
      assertEquals(
          statement,
          item.findElement(By.cssSelector("pre.gh-subject")).getText(),
          "the exact statement, as text");
      assertEquals(
          "DELETE",
          item.findElement(By.cssSelector(".gh-hl-kw")).getText(),
          "keywords are highlighted");
      assertTrue(
          item.findElement(By.cssSelector(".gh-hl-str")).getText().equals("'n1'"), "and strings");
      assertFalse(held.isDone(), "the client waits while the review is pending");
      browser.screenshots("inbox");

      item.findElement(By.cssSelector("button.gh-approve")).click();
      browser.waitFor(By.xpath("//*[contains(text(),'A comment is required')]"));
      assertFalse(held.isDone(), "no comment, no approval: the client still waits");

      item = itemWith(statement);
      item.findElement(By.cssSelector("textarea.gh-comment"))
          .sendKeys("expected cleanup, ticket 42");
      item.findElement(By.cssSelector("button.gh-approve")).click();
      browser.waitFor(By.xpath("//*[contains(text(),'Review approved')]"));
      assertEquals(1, held.get(20, TimeUnit.SECONDS), "the held DELETE ran after approval");
    }
    assertFalse(
        browser.text().contains(statement), "decided items leave the inbox: " + browser.text());
  }

  @Test
  void nobodyApprovesTheirOwnRequest() throws Exception {
    String rita = devToken("rita", "gatehouse-reviewer");
    String reason = "UI test: rita's own grant request " + java.util.UUID.randomUUID();
    HttpResponse<String> requested =
        send(
            authorized("/api/v1/grants", rita)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"connection\":\""
                            + CONNECTION
                            + "\",\"durationSeconds\":3600,"
                            + "\"reason\":\""
                            + reason
                            + "\"}")));
    assertEquals(201, requested.statusCode(), "grant requested: " + requested.body());
    String grantId = Gateway.json(requested.body()).getString("id");

    browser.loginAndOpen("rita", "rita-dev", "inbox.xhtml");
    WebElement own = itemWith(reason);
    WebElement approve = own.findElement(By.cssSelector("button.gh-approve"));
    assertFalse(approve.isEnabled(), "rita's Approve button is disabled on her own request");
    assertTrue(
        own.getText().contains("your own request"), "and the page says why: " + own.getText());
    browser.screenshots("inbox-own-request");
    HttpResponse<String> forced =
        send(
            authorized("/api/v1/grants/" + grantId + "/approve", rita)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"mine\"}")));
    assertEquals(403, forced.statusCode(), "the service refuses it anyway: " + forced.body());
    browser.driver.manage().deleteAllCookies();

    browser.loginAndOpen("alice", "alice-dev", "inbox.xhtml");
    WebElement forAlice = itemWith(reason);
    assertTrue(
        forAlice.findElement(By.cssSelector("button.gh-approve")).isEnabled(),
        "an administrator may approve rita's request");
    forAlice.findElement(By.cssSelector("textarea.gh-comment")).sendKeys("on call this week");
    forAlice.findElement(By.cssSelector("button.gh-approve")).click();
    browser.waitFor(By.xpath("//*[contains(text(),'Grant approved')]"));

    browser.driver.findElement(By.id("nav-grants")).click();
    WebElement table = browser.waitFor(By.id("grants:table"));
    WebElement row =
        table.findElement(
            By.xpath(
                ".//tr[.//span[@class='gh-identity' and text()='rita']][.//span[contains(@class,'active')]]"));
    String timeLeft = row.findElement(By.className("gh-time-left")).getText();
    assertTrue(
        timeLeft.matches("(59m \\d+s|1h 0m)"),
        "an hour's grant has about an hour left: " + timeLeft);
    browser.screenshots("grants");
  }

  @Test
  void aLiveSessionIsTerminatedFromItsPage() throws Exception {
    try (Connection c = connectAs("tom", "ui-review");
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      String id = awaitActiveSession();
      browser.loginAndOpen("alice", "alice-dev", "session.xhtml?id=" + id);
      browser.waitFor(By.id("terminate:end")).click();
      browser.waitFor(By.xpath("//*[contains(text(),'A reason is required')]"));
      s.execute("SELECT 2");
      browser.driver.findElement(By.id("terminate:reason")).sendKeys("UI test ends tom's session");
      browser.driver.findElement(By.id("terminate:end")).click();
      browser.waitFor(By.xpath("//*[contains(text(),'Session terminated')]"));
      SQLException ended =
          assertThrows(
              SQLException.class,
              () -> {
                for (int i = 0; i < 50; i++) {
                  s.execute("SELECT 3");
                  Thread.sleep(100);
                }
              },
              "the client's session ends");
      assertTrue(
          ended.getMessage().contains("UI test ends tom's session") || !c.isValid(1),
          "the client is told why: " + ended.getMessage());
    }
  }

  private static String awaitActiveSession() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      HttpResponse<String> list =
          get("/api/v1/sessions?connection=" + CONNECTION + "&status=active&identity=tom", admin);
      if (list.body().contains("\"id\"")) {
        return Json.createReader(new StringReader(list.body()))
            .readArray()
            .getJsonObject(0)
            .getString("id");
      }
      Thread.sleep(200);
    }
    throw new AssertionError("tom's session was not listed as active");
  }

  @Test
  void aRecordedSshSessionPlaysWithItsIntegrityShown() {
    browser.loginAndOpen("aldo", "aldo-dev", "session.xhtml?id=" + sshSessionId);
    // The seal follows the session's end by a moment: look again until it is there.
    String integrity =
        new WebDriverWait(browser.driver, Duration.ofSeconds(30))
            .until(
                d -> {
                  String shown = browser.waitFor(By.id("integrity")).getText();
                  if (shown.startsWith("Intact")) {
                    return shown;
                  }
                  d.navigate().refresh();
                  return null;
                });
    assertTrue(integrity.contains("sealed"), "the recording verifies and is sealed: " + integrity);
    browser.waitFor(By.cssSelector("#player .ap-player"));
    assertEquals(
        200L,
        browser.js(
            "return fetch(document.getElementById('player').dataset.src).then(r => r.status)"),
        "the cast is served under the form login");
    browser.js("window.ghPlayer.play()");
    String shown =
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
            .until(
                d -> {
                  String t = d.findElement(By.cssSelector("#player .ap-terminal")).getText();
                  return t.contains("replay-done") ? t : null;
                });
    assertTrue(shown.contains("tick-1") && shown.contains("tick-3"), "the output: " + shown);
    Number at = (Number) browser.js("return window.ghPlayer.getCurrentTime()");
    assertTrue(at.doubleValue() >= 0.8, "real timing: the ticks took over 0.8 s, at " + at);
    browser.screenshots("replay");

    browser.driver.findElement(By.cssSelector("button.gh-speed[data-speed='4']")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10))
        .until(
            d ->
                Double.valueOf(4)
                    .equals(((Number) browser.js("return window.ghPlayerSpeed")).doubleValue()));
    browser.js("return window.ghPlayer.seek(0.1)");
    Number sought = (Number) browser.js("return window.ghPlayer.getCurrentTime()");
    assertNotNull(sought);
    assertTrue(sought.doubleValue() < at.doubleValue(), "seek went back: " + sought);

    Object injected =
        browser.js(
            "var s = document.createElement('script'); s.textContent = 'window.ghInjected = 1';"
                + " document.head.appendChild(s); return window.ghInjected === 1;");
    assertEquals(false, injected, "an injected inline script does not run under the CSP");
    browser.cspViolations(); // that refusal is the one expected violation
  }

  @Test
  void theInboxIsForReviewersAndAdministratorsOnly() {
    browser.loginAndOpen("aldo", "aldo-dev", "sessions.xhtml");
    browser.waitFor(By.id("sessions:table"));
    assertFalse(browser.has(By.id("nav-inbox")), "no Inbox entry for an auditor");
    browser.open("inbox.xhtml");
    assertTrue(browser.has(By.id("forbidden")), "the inbox refuses aldo: " + browser.text());
    browser.driver.manage().deleteAllCookies();
    browser.loginAndOpen("dave", "dave-dev", "inbox.xhtml");
    assertTrue(browser.has(By.id("forbidden")), "and dave, who has no role: " + browser.text());
  }

  // The inbox re-renders itself: find the item afresh each time.
  private WebElement itemWith(String text) {
    return new WebDriverWait(browser.driver, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d ->
                d.findElements(By.cssSelector(".gh-inbox-item")).stream()
                    .filter(e -> e.getText().contains(text))
                    .findFirst()
                    .orElse(null));
  }
}
