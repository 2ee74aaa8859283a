package it.io.gatehouse.ui;

import static it.io.gatehouse.support.Gateway.authorized;
import static it.io.gatehouse.support.Gateway.devToken;
import static it.io.gatehouse.support.Gateway.get;
import static it.io.gatehouse.support.Gateway.json;
import static it.io.gatehouse.support.Gateway.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.gatehouse.support.TargetDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin app in a real headless Chromium: login by role, the sessions list and a session's
 * timeline, the connection and policy editors with their errors in place, and screenshots at phone
 * and laptop size (target/screenshots).
 */
class AdminUiIT {

  static final int PG_PORT = Integer.getInteger("it.pg.port", 15432);
  static final String CONNECTION = "it-ui-orders";
  static final String POLICY =
      """
      {"name":"it-ui-policy","description":"UI test guardrails","recording":"strict",
       "rules":[{"id":"no-drop","action":"block","when":{"sql":{"kinds":["DROP"]}},
                 "message":"DROP is not allowed here"}]}
      """;

  static AdminBrowser browser;

  @BeforeAll
  static void recordASession() throws Exception {
    TargetDatabase target = TargetDatabase.shared();
    String admin = devToken("it-ui-admin", "gatehouse-admin");
    HttpResponse<String> policy =
        send(
            authorized("/api/v1/policies/it-ui-policy", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(POLICY)));
    assertTrue(policy.statusCode() / 100 == 2, "policy stored: " + policy.body());
    send(authorized("/api/v1/connections/" + CONNECTION, admin).DELETE());
    String connection =
        """
        {"name":"%s","type":"postgres",
         "target":{"host":"127.0.0.1","port":%d,"database":"%s"},"tls":{"mode":"disable"},
         "credential":{"username":"%s","password":"%s"},
         "accessGroups":["ui-dba"],"policy":"it-ui-policy"}
        """
            .formatted(
                CONNECTION,
                target.port(),
                TargetDatabase.DATABASE,
                TargetDatabase.APP_USER,
                TargetDatabase.APP_PASSWORD);
    HttpResponse<String> created =
        send(
            authorized("/api/v1/connections", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(connection)));
    assertEquals(201, created.statusCode(), "connection registered: " + created.body());

    String uma = devToken("uma", "ui-dba");
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + CONNECTION + "?sslmode=require",
                "uma",
                uma);
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      assertThrows(SQLException.class, () -> s.execute("DROP TABLE nothing_here"), "blocked");
    }
    awaitSessionRecorded(admin);
    browser = new AdminBrowser();
  }

  /** The session row and its events reach the store asynchronously (spool, shipper). */
  static void awaitSessionRecorded(String token) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> list =
          get("/api/v1/sessions?connection=" + CONNECTION + "&status=closed", token);
      if (list.statusCode() == 200 && list.body().contains("\"blocked\":1")) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the UI test's session was not recorded within 30 s");
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  void logout() {
    if (browser.has(By.id("account:logout"))) {
      browser.driver.findElement(By.id("account:logout")).click();
      browser.waitFor(By.id("logged-out"));
    }
    browser.driver.manage().deleteAllCookies();
  }

  @Test
  void anAdministratorSeesTheSessionsAndASessionsTimeline() {
    try {
      browser.loginAndOpen("alice", "alice-dev", "sessions.xhtml");
      String listed = sessionsTableWith(CONNECTION);
      assertTrue(
          browser.driver.getCurrentUrl().contains("/admin/sessions.xhtml"),
          "back on the sessions page after login: " + browser.driver.getCurrentUrl());
      assertTrue(listed.contains(CONNECTION), "the session is listed: " + listed);
      assertTrue(listed.contains("uma"), "with who ran it: " + listed);
      assertTrue(browser.has(By.id("dev-banner")), "dev mode is announced on every page");
      assertTrue(
          browser.driver.findElement(By.id("current-user")).getText().contains("alice"),
          "the header names the user");
      browser.screenshots("sessions");

      browser.driver.findElement(By.id("sessions:identity")).sendKeys("nobody-at-all");
      browser.driver.findElement(By.id("sessions:search")).click();
      sessionsTableWith("No sessions");
      browser.driver.findElement(By.id("sessions:reset")).click();
      sessionsTableWith(CONNECTION);

      browser
          .driver
          .findElement(
              By.xpath(
                  "//tr[.//span[@class='gh-connection' and text()='"
                      + CONNECTION
                      + "']]//a[contains(@class,'gh-session-link')]"))
          .click();
      WebElement timeline = browser.waitFor(By.id("timeline"));
      String events = timeline.getText();
      assertTrue(events.contains("SELECT 1"), "the statement is on the timeline: " + events);
      assertTrue(events.contains("blocked by no-drop"), "with the decision and rule: " + events);
      assertTrue(events.contains("DROP TABLE nothing_here"), "the blocked statement: " + events);
      browser.screenshots("session-detail");

      browser.driver.findElement(By.id("nav-connections")).click();
      WebElement connections = browser.waitFor(By.id("connections"));
      assertTrue(
          connections.getText().contains("password set"),
          "a credential shows only as set: " + connections.getText());
      assertFalse(
          connections.getText().contains(TargetDatabase.APP_PASSWORD), "never the secret itself");
      String groups = browser.driver.findElement(By.id("access-groups")).getText();
      assertTrue(
          groups.contains("ui-dba") && groups.contains(CONNECTION),
          "the access groups view lists ui-dba with its connection: " + groups);
      browser.screenshots("connections");

      browser.driver.findElement(By.id("nav-policies")).click();
      assertTrue(
          browser.waitFor(By.id("policies")).getText().contains("it-ui-policy"),
          "the policy is listed");
      browser.screenshots("policies");
    } finally {
      logout();
    }
  }

  @Test
  void theAdminAppsCookiesAreSecureHttpOnlyAndStrict() {
    try {
      browser.loginAndOpen("alice", "alice-dev", "sessions.xhtml");
      browser.waitFor(By.id("sessions:table"));
      Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
      assertNotNull(session, "a session cookie");
      assertTrue(session.isSecure(), "JSESSIONID is Secure");
      assertTrue(session.isHttpOnly(), "JSESSIONID is HttpOnly");
      assertEquals("Strict", session.getSameSite(), "JSESSIONID is SameSite=Strict");
      Cookie sso = browser.driver.manage().getCookieNamed("LtpaToken2");
      assertNotNull(sso, "the login cookie");
      assertTrue(sso.isSecure() && sso.isHttpOnly(), "LtpaToken2 is Secure and HttpOnly");
    } finally {
      logout();
    }
  }

  @Test
  void aPolicyWithAnErrorShowsTheErrorInPlace() {
    try {
      browser.loginAndOpen("alice", "alice-dev", "policies.xhtml");
      browser.waitFor(By.id("new-policy")).click();
      browser.waitFor(By.id("policy:name")).sendKeys("it-ui-broken");
      WebElement document = browser.driver.findElement(By.id("policy:document"));
      document.clear();
      document.sendKeys(
          "{\"name\":\"it-ui-broken\",\"rules\":[{\"id\":\"r1\",\"action\":\"block\","
              + "\"when\":{\"sql\":{\"kinds\":[\"DROPP\"]}}}]}");
      browser.driver.findElement(By.id("policy:save")).click();
      WebElement violations = browser.waitFor(By.id("violations"));
      assertTrue(
          violations.getText().contains("/rules/0/when/sql/kinds/0"),
          "the error names the place by JSON pointer: " + violations.getText());
      assertTrue(
          violations.getText().contains("DROPP"), "and what is wrong: " + violations.getText());
      assertTrue(
          browser.driver.getCurrentUrl().contains("policy-edit"), "still in the editor to fix it");
      browser.screenshots("policy-error");
      assertEquals(
          404,
          get("/api/v1/policies/it-ui-broken", devToken("it-ui-admin", "gatehouse-admin"))
              .statusCode(),
          "nothing was stored");
    } finally {
      logout();
    }
  }

  @Test
  void aConnectionWithBadFieldsShowsEachErrorAtItsField() {
    try {
      browser.loginAndOpen("alice", "alice-dev", "connections.xhtml");
      browser.waitFor(By.id("new-connection")).click();
      browser.waitFor(By.id("connection:name")).sendKeys("it-ui-bad");
      browser.driver.findElement(By.id("connection:host")).sendKeys("db.internal");
      browser.driver.findElement(By.id("connection:port")).sendKeys("70000");
      browser.driver.findElement(By.id("connection:save")).click();
      assertTrue(
          browser.waitFor(By.id("error-port")).getText().contains("1-65535"),
          "the port error sits at the port: " + browser.text());
      assertTrue(
          browser.driver.findElement(By.id("violations")).getText().contains("/target/port"),
          "and in the summary by JSON pointer");
      browser.screenshots("connection-errors");

      WebElement port = browser.driver.findElement(By.id("connection:port"));
      port.clear();
      port.sendKeys("5432");
      browser.driver.findElement(By.id("connection:save")).click();
      assertTrue(
          browser.waitFor(By.id("error-database")).getText().contains("required"),
          "with the port fixed, the missing database shows at its field: " + browser.text());
      assertTrue(
          browser.driver.findElement(By.id("error-port")).getText().isEmpty(),
          "and the port error is gone");
    } finally {
      logout();
    }
  }

  @Test
  void aUserWithoutAGatehouseRoleIsRefused() {
    try {
      browser.loginAndOpen("dave", "dave-dev", "sessions.xhtml");
      assertTrue(
          browser.has(By.id("forbidden")), "dave has no role and gets no page: " + browser.text());
      assertFalse(browser.has(By.id("sessions:table")), "no sessions for dave");
    } finally {
      browser.driver.manage().deleteAllCookies();
    }
  }

  @Test
  void aWrongPasswordIsRefusedOnTheLoginPage() {
    try {
      browser.loginAndOpen("alice", "not-her-password", "sessions.xhtml");
      assertTrue(browser.has(By.id("login-error")), "wrong password: " + browser.text());
    } finally {
      browser.driver.manage().deleteAllCookies();
    }
  }

  @Test
  void anAuditorReadsSessionsAndConnectionsButCannotEdit() {
    try {
      browser.loginAndOpen("aldo", "aldo-dev", "sessions.xhtml");
      assertTrue(sessionsTableWith(CONNECTION).contains(CONNECTION), "aldo sees the sessions");
      browser.driver.findElement(By.id("nav-connections")).click();
      assertTrue(
          browser.waitFor(By.id("connections")).getText().contains(CONNECTION),
          "aldo sees the connections");
      assertFalse(browser.has(By.id("new-connection")), "but is offered no New button");
      assertFalse(browser.has(By.className("gh-connection-link")), "and no link into the editor");
      assertFalse(browser.has(By.className("gh-delete")), "and no Delete");
      browser.open("connection-edit.xhtml?name=" + CONNECTION);
      assertTrue(browser.has(By.id("forbidden")), "the editor refuses aldo: " + browser.text());
      browser.open("policy-edit.xhtml");
      assertTrue(browser.has(By.id("forbidden")), "the policy editor too: " + browser.text());
    } finally {
      browser.driver.manage().deleteAllCookies();
    }
  }

  @Test
  void aReviewerSeesSessionsButNotTheConfiguration() {
    try {
      browser.loginAndOpen("rita", "rita-dev", "sessions.xhtml");
      browser.waitFor(By.id("sessions:table"));
      assertFalse(browser.has(By.id("nav-connections")), "no Connections entry for a reviewer");
      browser.open("connections.xhtml");
      assertTrue(browser.has(By.id("forbidden")), "connections refused to rita");
    } finally {
      browser.driver.manage().deleteAllCookies();
    }
  }

  @Test
  void loggingOutEndsTheLogin() {
    browser.loginAndOpen("alice", "alice-dev", "sessions.xhtml");
    browser.waitFor(By.id("sessions:table"));
    browser.driver.findElement(By.id("account:logout")).click();
    browser.waitFor(By.id("logged-out"));
    browser.open("sessions.xhtml");
    assertTrue(browser.has(By.id("j_username")), "after logout the app asks to log in again");
    browser.driver.manage().deleteAllCookies();
  }

  /** {@code method} with a JSON {@code body}; fails the test when the API refuses. */
  static HttpResponse<String> api(String method, String path, String body, String token) {
    HttpResponse<String> response =
        send(
            authorized(path, token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    assertTrue(response.statusCode() / 100 == 2, method + " " + path + ": " + response.body());
    return response;
  }

  /** Clicks the Delete of the row naming {@code name}, then the confirmation box shows. */
  private WebElement askToDelete(String table, String name) {
    browser
        .waitFor(By.id(table))
        .findElement(
            By.xpath(
                ".//tr[.//a[normalize-space()='"
                    + name
                    + "']]//button[contains(@class,'gh-delete')]"))
        .click();
    WebElement confirm = browser.waitFor(By.id("confirm-delete"));
    assertEquals(
        name, browser.driver.findElement(By.id("confirm-delete-name")).getText(), "names the row");
    return confirm;
  }

  @Test
  void anAdministratorDeletesAConnectionAndAPolicyOnlyOnceNothingUsesIt() {
    String admin = devToken("it-ui-admin", "gatehouse-admin");
    String policy = "it-ui-doomed";
    String connection = "it-ui-doomed-db";
    api(
        "PUT",
        "/api/v1/policies/" + policy,
        "{\"name\":\"" + policy + "\",\"recording\":\"strict\",\"rules\":[]}",
        admin);
    send(authorized("/api/v1/connections/" + connection, admin).DELETE());
    api(
        "POST",
        "/api/v1/connections",
        """
        {"name":"%s","type":"postgres","target":{"host":"127.0.0.1","port":5432,"database":"x"},
         "tls":{"mode":"disable"},"credential":{"username":"u","password":"p"},
         "accessGroups":["nobody"],"policy":"%s"}
        """
            .formatted(connection, policy),
        admin);
    try {
      browser.loginAndOpen("alice", "alice-dev", "policies.xhtml");
      askToDelete("policies", policy);
      browser.driver.findElement(By.id("confirm-delete-no")).click();
      assertTrue(browser.gone(By.id("confirm-delete")), "cancelled");
      assertTrue(browser.waitFor(By.id("policies")).getText().contains(policy), "nothing gone");

      askToDelete("policies", policy);
      browser.screenshots("policy-delete-confirm");
      browser.driver.findElement(By.id("confirm-delete-yes")).click();
      browser.shows(By.id("messages"), "not deleted");
      String refused = browser.waitFor(By.id("messages")).getText();
      assertTrue(
          refused.contains("not deleted") && refused.contains("used by 1 connection"),
          "refused while a connection uses it, with the API's reason: " + refused);
      assertTrue(browser.waitFor(By.id("policies")).getText().contains(policy), "still listed");
      assertEquals(200, get("/api/v1/policies/" + policy, admin).statusCode(), "still stored");

      browser.driver.findElement(By.id("nav-connections")).click();
      askToDelete("connections", connection);
      browser.driver.findElement(By.id("confirm-delete-yes")).click();
      browser.shows(By.id("messages"), connection + " deleted");
      String deleted = browser.waitFor(By.id("messages")).getText();
      assertTrue(deleted.contains(connection + " deleted"), "said so: " + deleted);
      assertFalse(
          browser.waitFor(By.id("connections")).getText().contains(connection),
          "gone from the list");
      assertEquals(
          404, get("/api/v1/connections/" + connection, admin).statusCode(), "gone from the store");

      browser.driver.findElement(By.id("nav-policies")).click();
      askToDelete("policies", policy);
      browser.driver.findElement(By.id("confirm-delete-yes")).click();
      assertTrue(
          browser.shows(By.id("messages"), policy + " deleted"), "now it goes: " + browser.text());
      assertFalse(browser.waitFor(By.id("policies")).getText().contains(policy), "not listed");
      assertEquals(404, get("/api/v1/policies/" + policy, admin).statusCode(), "not stored");
    } finally {
      send(authorized("/api/v1/connections/" + connection, admin).DELETE());
      send(authorized("/api/v1/policies/" + policy, admin).DELETE());
      logout();
    }
  }

  @Test
  void aReviewerRevokesAnActiveGrantWithAReasonAndAnAuditorCannot() {
    String requester = devToken("gina", "contractors");
    String grant =
        json(api(
                    "POST",
                    "/api/v1/grants",
                    "{\"connection\":\""
                        + CONNECTION
                        + "\",\"durationSeconds\":3600,\"reason\":\"INC-7\"}",
                    requester)
                .body())
            .getString("id");
    api(
        "POST",
        "/api/v1/grants/" + grant + "/approve",
        "{\"reason\":\"on call\"}",
        devToken("rex", "gatehouse-reviewer"));
    By revoke = By.xpath("//tr[.//span[text()='gina']]//button[contains(@class,'gh-revoke')]");
    try {
      browser.loginAndOpen("aldo", "aldo-dev", "grants.xhtml");
      assertTrue(browser.waitFor(By.id("grants:table")).getText().contains("gina"), "listed");
      assertFalse(browser.has(revoke), "an auditor is offered no Revoke");
      logout();

      browser.loginAndOpen("rita", "rita-dev", "grants.xhtml");
      browser.waitFor(revoke).click();
      assertTrue(
          browser.waitFor(By.id("grants:revoke")).getText().contains("gina"),
          "the box names the holder: " + browser.text());
      browser.driver.findElement(By.id("grants:revoke-yes")).click();
      assertTrue(
          browser.shows(By.id("grants:messages"), "A reason is required"),
          "no reason, no revoke: " + browser.text());
      assertTrue(
          get("/api/v1/grants/" + grant, requester).body().contains("\"active\""), "still active");
      browser.screenshots("grant-revoke");
      browser.waitFor(By.id("grants:revoke-reason")).sendKeys("incident closed");
      browser.driver.findElement(By.id("grants:revoke-yes")).click();
      assertTrue(
          browser.shows(By.id("grants:messages"), "Grant revoked"), "revoked: " + browser.text());
      By ginaRow = By.xpath("//tr[.//span[text()='gina']]");
      browser.shows(ginaRow, "revoked");
      String row = browser.waitFor(ginaRow).getText();
      assertTrue(row.contains("revoked") && row.contains("rita: incident closed"), "row: " + row);
      String stored = get("/api/v1/grants/" + grant, requester).body();
      assertTrue(stored.contains("\"revoked\""), "revoked in the store: " + stored);
    } finally {
      logout();
    }
  }

  @Test
  void anAdministratorDeletesAnSshKeyWithAReasonAndAnAuditorOnlyReadsThem() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("gatehouse-ui-key");
    java.nio.file.Path key = dir.resolve("id_kim");
    Process keygen =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kim@laptop", "-f", "" + key)
            .redirectErrorStream(true)
            .start();
    assertTrue(
        keygen.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && keygen.exitValue() == 0,
        "ssh-keygen: " + new String(keygen.getInputStream().readAllBytes()));
    String kimName = "kim-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String kim = devToken(kimName, "ui-dba");
    String fingerprint =
        json(api(
                    "POST",
                    "/api/v1/identities/me/keys",
                    java.nio.file.Files.readString(java.nio.file.Path.of(key + ".pub")),
                    kim)
                .body())
            .getString("fingerprint");
    By row = By.xpath("//tr[.//span[text()='" + fingerprint + "']]");
    try {
      browser.loginAndOpen("aldo", "aldo-dev", "sessions.xhtml");
      browser.waitFor(By.id("nav-keys")).click();
      browser.waitFor(By.id("key-identity")).sendKeys(kimName);
      browser.driver.findElement(By.id("key-search-go")).click();
      String shown = browser.waitFor(row).getText();
      assertTrue(
          shown.contains(kimName) && shown.contains("kim@laptop") && shown.contains("ui-dba"),
          "an auditor sees the key with its identity, comment and groups: " + shown);
      assertFalse(browser.has(By.className("gh-delete")), "but is offered no Delete");
      logout();

      browser.loginAndOpen("rita", "rita-dev", "sessions.xhtml");
      browser.waitFor(By.id("sessions:table"));
      assertFalse(browser.has(By.id("nav-keys")), "no SSH keys entry for a reviewer");
      browser.open("keys.xhtml");
      assertTrue(browser.has(By.id("forbidden")), "keys refused to rita: " + browser.text());
      logout();

      browser.loginAndOpen("alice", "alice-dev", "keys.xhtml?identity=" + kimName);
      browser.waitFor(row).findElement(By.className("gh-delete")).click();
      assertEquals(
          fingerprint,
          browser.waitFor(By.id("delete-fingerprint")).getText(),
          "the box names the key");
      browser.driver.findElement(By.id("keys:delete-no")).click();
      assertTrue(browser.gone(By.id("keys:delete")), "cancelled");
      browser.waitFor(row).findElement(By.className("gh-delete")).click();
      browser.waitFor(By.id("keys:delete-reason")).sendKeys("left the team");
      browser.screenshots("key-delete");
      browser.driver.findElement(By.id("keys:delete-yes")).click();
      assertTrue(
          browser.shows(By.id("keys:messages"), "Key deleted"), "said so: " + browser.text());
      assertFalse(browser.has(row), "gone from the list");
      assertEquals(
          "[]",
          get("/api/v1/identities/me/keys", kim).body(),
          "gone from the store: kim has no key");
      assertTrue(browser.cspViolations().isEmpty(), "no CSP violation");
    } finally {
      logout();
    }
  }

  // The table is re-rendered by its lazy loading and by searches: read it afresh each time.
  private String sessionsTableWith(String text) {
    return new WebDriverWait(browser.driver, Duration.ofSeconds(15))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              String shown = d.findElement(By.id("sessions:table")).getText();
              return shown.contains(text) ? shown : null;
            });
  }
}
