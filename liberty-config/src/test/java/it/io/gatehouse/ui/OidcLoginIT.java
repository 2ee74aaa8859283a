package it.io.gatehouse.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin app's OpenID Connect login ({@code gatehouse.ui.login=oidc}, ui-login-oidc.xml) against
 * a real provider, in a real headless Chromium.
 *
 * <p>The login mode is chosen when a server starts, so this class starts its own pair of servers in
 * the build's Liberty runtime, side by side and at the same time: {@code gatehouse-oidc}, the
 * packaged gatehouse server's configuration and application started with the OIDC login, and {@code
 * gatehouse-op}, an OpenID Connect provider ({@code openidConnectServer-1.0},
 * src/test/oidc-provider/server.xml) whose users are in groups named after the Gatehouse roles.
 * Both serve TLS with one key pair made here with keytool, so the gatehouse server trusts the
 * provider's certificate as its own. The browser reaches the gatehouse server as 127.0.0.1 and the
 * provider as localhost: two sites, as in production, so the cookies of one are never sent to the
 * other and the redirect back from the provider is a cross-site navigation.
 *
 * <p>It runs once, in the Derby run of the suite: the login does not touch the store.
 */
@DisabledIfSystemProperty(
    named = "it.store",
    matches = "postgres",
    disabledReason = "the login does not depend on the store; it runs in the Derby run")
class OidcLoginIT {

  static final int HTTP_PORT = Integer.getInteger("it.oidc.http.port", 9082);
  static final int HTTPS_PORT = Integer.getInteger("it.oidc.https.port", 9445);
  static final int PG_PORT = Integer.getInteger("it.oidc.pg.port", 15433);
  static final int SSH_PORT = Integer.getInteger("it.oidc.ssh.port", 2223);
  static final int OP_HTTP_PORT = Integer.getInteger("it.op.http.port", 9083);
  static final int OP_HTTPS_PORT = Integer.getInteger("it.op.https.port", 9446);
  static final String KEYSTORE_PASSWORD = "gatehouse-dev-keystore";

  static final Path GATEHOUSE =
      Path.of(System.getProperty("it.server.dir", "target/liberty/wlp/usr/servers/gatehouse"));
  static final Path SERVERS = GATEHOUSE.getParent();
  static final Path WLP = SERVERS.getParent().getParent();
  static final Path RP_DIR = SERVERS.resolve("gatehouse-oidc");
  static final Path OP_DIR = SERVERS.resolve("gatehouse-op");
  static final String APP = "https://127.0.0.1:" + HTTPS_PORT + "/admin/";
  static final String OP = "https://localhost:" + OP_HTTPS_PORT + "/oidc/endpoint/OP";

  static AdminBrowser browser;

  @BeforeAll
  static void startTheProviderAndAGatehouseServerWithTheOidcLogin() throws Exception {
    String secret = UUID.randomUUID().toString();
    createTheGatehouseServer(secret);
    createTheProvider(secret);
    Path keyStore = RP_DIR.resolve("resources/security/key.p12");
    run(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair",
            "-keystore",
            keyStore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            KEYSTORE_PASSWORD,
            "-alias",
            "default",
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-validity",
            "7",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=dns:localhost,ip:127.0.0.1"),
        "keytool",
        60);
    Files.copy(
        keyStore,
        OP_DIR.resolve("resources/security/key.p12"),
        StandardCopyOption.REPLACE_EXISTING);
    // Both at once: each start blocks until its server is up.
    Process op = server("start", "gatehouse-op");
    Process rp = server("start", "gatehouse-oidc");
    awaitStarted(op, "gatehouse-op");
    awaitStarted(rp, "gatehouse-oidc");
    awaitReady();
    browser = new AdminBrowser(APP);
  }

  @AfterAll
  static void stopBoth() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      List<Process> stops = new ArrayList<>();
      // --force: no quiesce period; nothing of these throwaway servers needs a clean end.
      for (String name : List.of("gatehouse-oidc", "gatehouse-op")) {
        if (Files.isDirectory(SERVERS.resolve(name))) {
          stops.add(server("stop", name, "--force"));
        }
      }
      for (Process stop : stops) {
        stop.waitFor(120, TimeUnit.SECONDS);
      }
    }
  }

  /** The packaged server's configuration and application, ports of its own, the OIDC login. */
  static void createTheGatehouseServer(String secret) throws IOException {
    deleteTree(RP_DIR);
    Files.createDirectories(RP_DIR.resolve("resources/security"));
    try (Stream<Path> files = Files.list(GATEHOUSE)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".xml") || name.equals("jvm.options")) {
          Files.copy(file, RP_DIR.resolve(name));
        } else if (name.equals("apps") || name.equals("jdbc")) {
          Files.createSymbolicLink(RP_DIR.resolve(name), file.toAbsolutePath());
        }
      }
    }
    Files.writeString(
        RP_DIR.resolve("bootstrap.properties"),
        String.join(
            "\n",
            "com.ibm.ws.logging.console.format=simple",
            "gatehouse.http.port=" + HTTP_PORT,
            "gatehouse.https.port=" + HTTPS_PORT,
            "gatehouse.postgres.port=" + PG_PORT,
            "gatehouse.ssh.port=" + SSH_PORT,
            "gatehouse.listen.host=127.0.0.1",
            "gatehouse.ui.login=oidc",
            "gatehouse.ui.oidc.discovery=" + OP + "/.well-known/openid-configuration",
            "gatehouse.ui.oidc.client.id=gatehouse-admin",
            "gatehouse.ui.oidc.client.secret=" + secret,
            "gatehouse.ui.oidc.logout=" + OP + "/end_session",
            ""));
  }

  /** The provider: one registered client, this gatehouse server's admin app. */
  static void createTheProvider(String secret) throws IOException {
    deleteTree(OP_DIR);
    Files.createDirectories(OP_DIR.resolve("resources/security"));
    Files.copy(Path.of("src/test/oidc-provider/server.xml"), OP_DIR.resolve("server.xml"));
    Files.writeString(
        OP_DIR.resolve("bootstrap.properties"),
        String.join(
            "\n",
            "op.http.port=" + OP_HTTP_PORT,
            "op.https.port=" + OP_HTTPS_PORT,
            "op.client.secret=" + secret,
            "op.redirect=https://127.0.0.1:" + HTTPS_PORT + "/oidcclient/redirect/gatehouseUi",
            "op.post.logout.redirect=" + APP + "login.xhtml?loggedOut=true",
            "op.keystore.password=" + KEYSTORE_PASSWORD,
            ""));
  }

  static Process server(String action, String name, String... options) throws IOException {
    List<String> command =
        new ArrayList<>(List.of(WLP.resolve("bin/server").toString(), action, name));
    command.addAll(List.of(options));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(Path.of("target", name + "-" + action + ".log").toFile())
        .start();
  }

  static void awaitStarted(Process start, String name) throws Exception {
    if (!start.waitFor(300, TimeUnit.SECONDS)) {
      start.destroyForcibly();
      throw new AssertionError("server start " + name + " did not finish within 300 s");
    }
    assertEquals(
        0,
        start.exitValue(),
        name + " started: " + Files.readString(Path.of("target", name + "-start.log")));
  }

  /** The application is up once its readiness check answers (the server may start first). */
  static void awaitReady() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var ready =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + HTTP_PORT + "/health/ready"))
            .timeout(Duration.ofSeconds(10))
            .build();
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (client.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("gatehouse-oidc did not become ready within 180 s");
  }

  static void run(List<String> command, String what, int seconds) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), what + " finished");
    assertEquals(0, p.exitValue(), what + ": " + output);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Waits until the browser is at a URL starting with {@code prefix}; says where it is if not. */
  static void awaitUrl(String prefix, int seconds) {
    try {
      new WebDriverWait(browser.driver, Duration.ofSeconds(seconds))
          .until(d -> d.getCurrentUrl().startsWith(prefix));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "not at "
              + prefix
              + " after "
              + seconds
              + " s but at "
              + browser.driver.getCurrentUrl()
              + ": "
              + browser.text(),
          e);
    }
  }

  static final String PROVIDER = "https://localhost:" + OP_HTTPS_PORT + "/";

  /** Opens {@code page}, is sent to the provider, logs in there, and comes back to the app. */
  void loginAtTheProvider(String user, String password, String page) {
    browser.open(page);
    awaitUrl(PROVIDER, 60);
    browser.waitFor(By.name("j_username")).sendKeys(user);
    browser.driver.findElement(By.name("j_password")).sendKeys(password);
    browser.driver.findElement(By.cssSelector("[type=submit]")).click();
    awaitUrl(APP, 60);
  }

  @Test
  void providerUsersGetTheRolesTheirGroupsNameAndLogOutAtTheProviderToo() {
    try {
      loginAtTheProvider("olga", "olga-op", "sessions.xhtml");
      browser.waitFor(By.id("sessions:table"));
      assertTrue(
          browser.driver.getCurrentUrl().startsWith(APP + "sessions.xhtml"),
          "back on the page asked for: " + browser.driver.getCurrentUrl());
      String header = browser.driver.findElement(By.id("current-user")).getText();
      assertTrue(header.contains("olga"), "the provider's user: " + header);
      assertTrue(header.contains("reviewer"), "her groups claim makes her a reviewer: " + header);
      assertFalse(header.contains("admin"), "and nothing more: " + header);
      assertTrue(browser.has(By.id("nav-inbox")), "a reviewer has the inbox");
      assertFalse(browser.has(By.id("nav-connections")), "but not the configuration");
      browser.screenshots("oidc-sessions");
      // Faces postbacks work under this login too (an ajax search of the sessions page).
      browser.driver.findElement(By.id("sessions:identity")).sendKeys("nobody-at-all");
      browser.driver.findElement(By.id("sessions:search")).click();
      new WebDriverWait(browser.driver, Duration.ofSeconds(30))
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(d -> d.findElement(By.id("sessions:table")).getText().contains("No sessions"));
      browser.open("inbox.xhtml");
      browser.waitFor(By.id("inbox"));
      browser.open("connections.xhtml");
      assertTrue(browser.has(By.id("forbidden")), "roles are enforced: " + browser.text());

      browser.open("sessions.xhtml");
      browser.driver.findElement(By.id("account:logout")).click();
      awaitUrl(APP + "login.xhtml", 60);
      browser.waitFor(By.id("logged-out"));
      assertTrue(
          browser.driver.getCurrentUrl().startsWith(APP + "login.xhtml"),
          "back in the app after the provider's logout: " + browser.driver.getCurrentUrl());
      browser.open("sessions.xhtml");
      awaitUrl(PROVIDER, 60);
      assertTrue(
          browser.has(By.name("j_password")),
          "logged out at the provider as well: it asks for a password again: " + browser.text());

      loginAtTheProvider("adam", "adam-op", "connections.xhtml");
      browser.waitFor(By.id("connections"));
      String admin = browser.driver.findElement(By.id("current-user")).getText();
      assertTrue(admin.contains("adam") && admin.contains("admin"), "an administrator: " + admin);
      assertFalse(admin.contains("olga"), "no trace of the previous user: " + admin);
      assertTrue(browser.has(By.id("new-connection")), "who may change the configuration");
    } finally {
      browser.clearAllCookies();
    }
  }

  @Test
  void aProviderUserWithoutAGatehouseGroupIsRefused() {
    try {
      loginAtTheProvider("otto", "otto-op", "sessions.xhtml");
      assertTrue(browser.has(By.id("forbidden")), "otto has no role: " + browser.text());
      assertFalse(browser.has(By.id("sessions:table")), "and no page");
    } finally {
      browser.clearAllCookies();
    }
  }

  @Test
  void aWrongPasswordAtTheProviderDoesNotGetIn() {
    try {
      browser.open("sessions.xhtml");
      awaitUrl(PROVIDER, 60);
      browser.waitFor(By.name("j_username")).sendKeys("olga");
      browser.driver.findElement(By.name("j_password")).sendKeys("not-her-password");
      browser.driver.findElement(By.cssSelector("[type=submit]")).click();
      new WebDriverWait(browser.driver, Duration.ofSeconds(30))
          .until(d -> !d.getCurrentUrl().contains("j_security_check"));
      assertFalse(
          browser.driver.getCurrentUrl().startsWith(APP),
          "still at the provider: " + browser.driver.getCurrentUrl());
      assertFalse(browser.has(By.id("sessions:table")), "no page of the app");
    } finally {
      browser.clearAllCookies();
    }
  }
}
