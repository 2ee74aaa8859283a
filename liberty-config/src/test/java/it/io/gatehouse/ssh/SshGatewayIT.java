package it.io.gatehouse.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import it.io.gatehouse.support.Gateway;
import it.io.gatehouse.support.SshTarget;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SSH data path of the started server: an ssh connection to a real OpenSSH target (started
 * here), the real {@code ssh} client through the gateway's SSH listener with an access token as
 * password, a blocked command, and the session's asciicast replay.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SshGatewayIT {

  private static final int SSH_PORT = Integer.getInteger("it.ssh.port", 2222);
  private static final Path SCRIPT = Path.of("../scripts/sshd-test-target.sh").toAbsolutePath();

  private static Path work;
  private static Path target;
  private static int targetPort;
  private static String connection;
  private static String heldConnection;
  private static String deadConnection;

  private static String userToken;
  private static String auditorToken;

  @BeforeAll
  static void start() throws Exception {
    work = Files.createTempDirectory("gatehouse-ssh-it-");
    target = Files.createTempDirectory(Path.of("/tmp"), "gatehouse-sshd-it-");
    targetPort = freePort();
    Run started = run(List.of(SCRIPT.toString(), "start", target.toString(), "" + targetPort));
    assumeTrue(started.exit != 2, "OpenSSH sshd is not available: " + started);
    assertEquals(0, started.exit, "sshd target started: " + started);

    String admin = Gateway.devToken("it-ssh-admin", "gatehouse-admin");
    String policy = "it-ssh-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> put =
        Gateway.send(
            json(Gateway.authorized("/api/v1/policies/" + policy, admin))
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"name":"%s","rules":[
                          {"id":"no-rm-rf","action":"block",
                           "when":{"command":{"patterns":["rm -rf *"]}},
                           "message":"rm -rf is not allowed here"},
                          {"id":"review-whoami","action":"review",
                           "when":{"command":{"programs":["whoami"]}}}],
                         "masking":{"rules":[
                          {"id":"cards","detector":"payment-card","strategy":"redact"}]},
                         "review":{"approverGroups":["gatehouse-reviewer"],"minApprovals":1,
                           "timeoutSeconds":60,"approvalWindowSeconds":300}}
                        """
                            .formatted(policy))));
    assertTrue(put.statusCode() / 100 == 2, "policy stored: " + put.statusCode() + put.body());

    connection = register(admin, policy);
    heldConnection = register(admin, policy);
    deadConnection = register(admin, policy, freePort());
    userToken = Gateway.devToken("it-ssh-user", "it-ssh-users");
    auditorToken = Gateway.devToken("it-ssh-auditor", "gatehouse-auditor");
  }

  @AfterAll
  static void stop() throws Exception {
    if (target != null) {
      run(List.of(SCRIPT.toString(), "stop", target.toString()));
    }
  }

  @Test
  void commandsRunOrAreRefusedAndTheSessionReplays() throws Exception {
    Run hello = ssh(userToken, "echo hello-through-gatehouse");
    assertEquals(0, hello.exit, "allowed command: " + hello);
    assertEquals("hello-through-gatehouse\n", hello.out, "its output: " + hello);

    Run blocked = ssh(userToken, "rm -rf /tmp/gatehouse-it");
    assertEquals(126, blocked.exit, "blocked command: " + blocked);
    assertTrue(
        blocked.err.contains("rule no-rm-rf: rm -rf is not allowed here"),
        "the client reads the rule's message: " + blocked);

    Run forged = ssh("not-a-token", "echo nope");
    assertEquals(255, forged.exit, "a bad token does not get in: " + forged);

    List<String> ids = sessionIds();
    assertEquals(2, ids.size(), "two sessions of it-ssh-user on " + connection + ": " + ids);
    String blockedId = ids.get(0); // newest first
    String helloId = ids.get(1);

    HttpResponse<String> replay = awaitReplay(helloId);
    assertEquals(200, replay.statusCode(), "replay of the echo session: " + replay.body());
    assertTrue(
        replay
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/x-asciicast"),
        "asciicast media type: " + replay.headers());
    String[] lines = replay.body().split("\n");
    JsonObject header = (JsonObject) parse(lines[0]);
    assertEquals(2, header.getInt("version"), "asciicast v2 header: " + lines[0]);
    assertTrue(header.getInt("width") > 0, "a width: " + lines[0]);
    JsonArray frame = (JsonArray) parse(lines[1]);
    assertEquals("o", frame.getString(1), "an output frame: " + lines[1]);
    assertEquals("hello-through-gatehouse\n", frame.getString(2), "the output: " + lines[1]);

    JsonArray events = awaitEvents(blockedId, "session-end");
    JsonObject command = null;
    for (JsonValue value : events) {
      if ("command".equals(value.asJsonObject().getString("type"))) {
        command = value.asJsonObject();
      }
    }
    assertTrue(command != null, "the blocked command is recorded: " + events);
    assertEquals("block", command.getString("decision"), "its decision: " + command);
    assertEquals("no-rm-rf", command.getString("ruleId"), "its rule: " + command);

    HttpResponse<String> noOutput =
        Gateway.get("/api/v1/sessions/" + blockedId + "/replay", auditorToken);
    assertEquals(409, noOutput.statusCode(), "nothing to replay: " + noOutput.body());
    HttpResponse<String> unknown =
        Gateway.get("/api/v1/sessions/" + UUID.randomUUID() + "/replay", auditorToken);
    assertEquals(404, unknown.statusCode(), "unknown session: " + unknown.body());
  }

  /**
   * The README's promise on the deployed server: scp and sftp through the gateway with the real
   * clients (bytes intact, every file operation recorded), and a secret masked in a command's
   * output.
   */
  @Test
  void scpAndSftpTransferAndASecretIsMaskedThroughTheDeployedGateway() throws Exception {
    String token = Gateway.devToken("it-ssh-transfers", "it-ssh-users");
    ProcessBuilder echo = sshCommand(connection, token, "echo card 4111111111111111 end");
    Run card = run(echo.redirectInput(new File("/dev/null")));
    assertEquals(0, card.exit, "echo: " + card);
    assertTrue(card.out.contains("card ") && card.out.contains(" end"), "its output: " + card);
    assertTrue(!card.out.contains("4111111111111111"), "masked by the policy: " + card);

    byte[] payload = new byte[300_000];
    new java.util.Random(7).nextBytes(payload);
    Path up = work.resolve("scp-up.bin");
    Files.write(up, payload);
    String remote = "/tmp/gatehouse-it-scp-" + UUID.randomUUID() + ".bin";
    String at = connection + "@127.0.0.1";
    Run put = run(transferCommand("scp", token, up.toString(), at + ":" + remote));
    assertEquals(0, put.exit, "scp upload: " + put);
    Path down = work.resolve("scp-down.bin");
    Run get = run(transferCommand("scp", token, at + ":" + remote, down.toString()));
    assertEquals(0, get.exit, "scp download: " + get);
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        payload, Files.readAllBytes(down), "the bytes came back intact");

    Path batch = work.resolve("sftp-batch.txt");
    Files.writeString(batch, "ls -l " + remote + "\nrm " + remote + "\n");
    // Commands on stdin rather than -b, which would switch password prompts off (BatchMode).
    Run sftp = run(transferCommand("sftp", token, at).redirectInput(batch.toFile()));
    assertEquals(0, sftp.exit, "sftp batch: " + sftp);
    assertTrue(sftp.out.contains(remote.substring(5)), "listed: " + sftp);

    List<String> ids = sessionIds("it-ssh-transfers"); // newest first: sftp, download, upload, echo
    assertEquals(4, ids.size(), "four sessions: " + ids);
    assertTrue(
        fileEvents(ids.get(2)).stream()
            .anyMatch(
                e ->
                    e.contains("\"path\":\"" + remote + "\"")
                        && e.contains("\"direction\":\"upload\"")
                        && e.contains("\"written\":" + payload.length)),
        "the upload is recorded with its path and size: " + fileEvents(ids.get(2)));
    assertTrue(
        fileEvents(ids.get(1)).stream()
            .anyMatch(
                e ->
                    e.contains("\"direction\":\"download\"")
                        && e.contains("\"read\":" + payload.length)),
        "the download is recorded: " + fileEvents(ids.get(1)));
    assertTrue(
        fileEvents(ids.get(0)).stream()
            .anyMatch(e -> e.contains("\"op\":\"remove\"") && e.contains(remote)),
        "the sftp remove is recorded: " + fileEvents(ids.get(0)));
  }

  // The payloads of a session's file events, once the session has ended.
  private static List<String> fileEvents(String id) throws InterruptedException {
    List<String> files = new ArrayList<>();
    for (JsonValue value : awaitEvents(id, "session-end")) {
      JsonObject event = value.asJsonObject();
      if ("file".equals(event.getString("type"))) {
        files.add(event.getString("payload", ""));
      }
    }
    return files;
  }

  @Test
  void aCommandHeldForReviewRunsOnceAReviewerApprovesItThroughTheApi() throws Exception {
    String reviewer = Gateway.devToken("it-ssh-reviewer", "gatehouse-reviewer");
    Path err = work.resolve("held.err");
    Process held = start(sshCommand(heldConnection, userToken, "whoami"), err);
    try {
      String review = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (review == null && System.nanoTime() < deadline) {
        HttpResponse<String> list = Gateway.get("/api/v1/reviews", reviewer);
        assertEquals(200, list.statusCode(), "reviews listed: " + list.body());
        for (JsonValue value : (JsonArray) parse(list.body())) {
          JsonObject candidate = value.asJsonObject();
          if ("whoami".equals(candidate.getString("subject", ""))
              && "pending".equals(candidate.getString("status", ""))
              && candidate.toString().contains(heldConnection)) {
            review = candidate.getString("id");
          }
        }
        Thread.sleep(200);
      }
      assertTrue(review != null, "the held command waits for a review: " + Files.readString(err));
      assertTrue(held.isAlive(), "the client waits meanwhile");
      HttpResponse<String> approved =
          Gateway.send(
              json(Gateway.authorized("/api/v1/reviews/" + review + "/approve", reviewer))
                  .POST(
                      HttpRequest.BodyPublishers.ofString("{\"reason\":\"checking the login\"}")));
      assertEquals(200, approved.statusCode(), "approved: " + approved.body());
      assertTrue(held.waitFor(30, TimeUnit.SECONDS), "the approved command ends");
      String out = new String(held.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, held.exitValue(), "exit status: " + out + Files.readString(err));
      assertEquals("ghtest\n", out, "the approved command ran on the target");
      assertTrue(
          Files.readString(err).contains("gatehouse: waiting for review " + review),
          "the client was told: " + Files.readString(err));
    } finally {
      held.destroyForcibly();
    }
  }

  @Test
  void aRegisteredPublicKeyLogsItsIdentityInUntilDeletedOrExpired() throws Exception {
    String keyUser = "it-ssh-keys-" + UUID.randomUUID().toString().substring(0, 8);
    String owner = Gateway.devToken(keyUser, "it-ssh-users");
    Path key = keygen("registered");

    // Bad input to the API: each a clear 400 that registers nothing.
    assertKeyRefused(owner, "", 400, "OpenSSH public key line");
    assertKeyRefused(owner, "ssh-ed25519 not*base64", 400, "does not decode");
    assertKeyRefused(owner, "ssh-dss AAAAB3NzaC1kc3MAAAA=", 400, "ssh-dss (DSA) keys are weak");
    assertKeyRefused(owner, Files.readString(key), 400, "PEM block");
    assertKeyRefused(owner, securityKey("https://example.com"), 400, "is not an SSH one (ssh:");
    HttpResponse<String> touchKey = postKey(owner, securityKey("ssh:"), "");
    assertEquals(201, touchKey.statusCode(), "a security key is registered: " + touchKey.body());
    assertEquals(
        "sk-ssh-ed25519@openssh.com",
        ((JsonObject) parse(touchKey.body())).getString("type"),
        "as such: " + touchKey.body());

    HttpResponse<String> created = postKey(owner, Files.readString(pub(key)), "");
    assertEquals(201, created.statusCode(), "key registered: " + created.body());
    JsonObject registered = (JsonObject) parse(created.body());
    String fingerprint = registered.getString("fingerprint");
    assertTrue(
        run(List.of("ssh-keygen", "-lf", pub(key).toString())).out.contains(fingerprint),
        "the fingerprint ssh-keygen prints: " + registered);
    assertEquals(keyUser, registered.getString("identity"), "the token's subject: " + registered);
    assertEquals("[\"it-ssh-users\"]", registered.getJsonArray("groups").toString(), "its groups");
    assertTrue(created.headers().firstValue("Location").isPresent(), "a Location");
    HttpResponse<String> listed = Gateway.get("/api/v1/identities/me/keys", owner);
    assertEquals(200, listed.statusCode(), "keys listed: " + listed.body());
    assertTrue(listed.body().contains(fingerprint), "the key is listed: " + listed.body());
    HttpResponse<String> renewed = postKey(owner, Files.readString(pub(key)), "");
    assertEquals(200, renewed.statusCode(), "registered again: renewed: " + renewed.body());
    HttpResponse<String> taken =
        postKey(
            Gateway.devToken("it-ssh-keys-other", "it-ssh-users"), Files.readString(pub(key)), "");
    assertEquals(409, taken.statusCode(), "another subject's key: " + taken.body());

    Run hi = sshKey(key, "echo hi");
    assertEquals(0, hi.exit, "logged in by key: " + hi);
    assertEquals("hi\n", hi.out, "its output: " + hi);

    HttpResponse<String> sessions =
        Gateway.get(
            "/api/v1/sessions?connection=" + connection + "&identity=" + keyUser, auditorToken);
    JsonArray mine = (JsonArray) parse(sessions.body());
    assertEquals(1, mine.size(), "one session recorded for the key's subject: " + sessions.body());
    HttpResponse<String> replay = awaitReplay(mine.getJsonObject(0).getString("id"));
    assertEquals(200, replay.statusCode(), "the key session replays: " + replay.body());
    assertTrue(replay.body().contains("\"hi\\n\""), "its output recorded: " + replay.body());

    Run stranger = sshKey(keygen("unregistered"), "echo nope");
    assertEquals(255, stranger.exit, "an unregistered key is refused: " + stranger);
    assertTrue(stranger.err.contains("Permission denied"), "refused: " + stranger);

    Path outsiderKey = keygen("outsider");
    String outsider = Gateway.devToken("it-ssh-outsider", "it-ssh-strangers");
    assertEquals(201, postKey(outsider, Files.readString(pub(outsiderKey)), "").statusCode());
    Run noAccess = sshKey(outsiderKey, "echo nope");
    assertEquals(255, noAccess.exit, "a key of a subject without access: " + noAccess);
    assertTrue(
        noAccess.err.contains("it-ssh-outsider may not use connection"), "told why: " + noAccess);
    assertEquals("", noAccess.out, "nothing ran: " + noAccess);
    // ...until the subject holds an approved grant: decided for the key as for a token.
    approvedGrant(outsider, Gateway.devToken("it-ssh-keys-rita", "gatehouse-reviewer"), 600);
    Run granted = sshKey(outsiderKey, "echo granted");
    assertEquals(0, granted.exit, "the key's subject has a grant now: " + granted);
    assertEquals("granted\n", granted.out, "its output: " + granted);

    Path shortKey = keygen("short-lived");
    assertEquals(
        201, postKey(owner, Files.readString(pub(shortKey)), "?validitySeconds=1").statusCode());
    Thread.sleep(1500);
    Run expired = sshKey(shortKey, "echo nope");
    assertEquals(255, expired.exit, "an expired key is refused: " + expired);
    assertTrue(
        expired.err.contains("expired at") && expired.err.contains("register it again"),
        "told to register it again: " + expired);

    String path = "/api/v1/identities/me/keys/" + fingerprint.replace('+', '-').replace('/', '_');
    HttpResponse<String> deleted = Gateway.send(Gateway.authorized(path, owner).DELETE());
    assertEquals(204, deleted.statusCode(), "deleted: " + deleted.body());
    Run gone = sshKey(key, "echo nope");
    assertEquals(255, gone.exit, "a deleted key is refused at the next login: " + gone);
    assertEquals(404, Gateway.send(Gateway.authorized(path, owner).DELETE()).statusCode(), "gone");
    assertEquals(
        1,
        ((JsonArray)
                parse(
                    Gateway.get(
                            "/api/v1/sessions?connection=" + connection + "&identity=" + keyUser,
                            auditorToken)
                        .body()))
            .size(),
        "no session was opened for the refused logins");
  }

  @Test
  void deletingOrNarrowingAKeyEndsItsOpenSessionsAndItsExpiryEndsThemToo() throws Exception {
    String keyUser = "it-ssh-revoked-" + UUID.randomUUID().toString().substring(0, 8);
    String owner = Gateway.devToken(keyUser, "it-ssh-users", "it-ssh-oncall");
    Path deletedKey = keygen("deleted-" + keyUser);
    Path narrowedKey = keygen("narrowed-" + keyUser);
    Path expiringKey = keygen("expiring-" + keyUser);
    String deleted = fingerprintOf(postKey(owner, Files.readString(pub(deletedKey)), ""), 201);
    String narrowed = fingerprintOf(postKey(owner, Files.readString(pub(narrowedKey)), ""), 201);
    String expiring =
        fingerprintOf(
            postKey(owner, Files.readString(pub(expiringKey)), "?validitySeconds=8"), 201);

    String longCommand = "echo started; sleep 60; echo not-reached";
    Open byDeleted = open(deletedKey, longCommand);
    Open byNarrowed = open(narrowedKey, longCommand);
    Open byExpiring = open(expiringKey, longCommand);
    try {
      byDeleted.awaitOut("started\n");
      byNarrowed.awaitOut("started\n");
      byExpiring.awaitOut("started\n");
      String deletedId = activeSession(keyUser, deleted);

      String path = "/api/v1/identities/me/keys/" + deleted.replace('+', '-').replace('/', '_');
      HttpResponse<String> gone = Gateway.send(Gateway.authorized(path, owner).DELETE());
      assertEquals(204, gone.statusCode(), "deleted: " + gone.body());
      Run cut = byDeleted.await(20);
      assertEquals(255, cut.exit, "the open session ended when its key was deleted: " + cut);
      assertEquals("started\n", cut.out, "cut before it finished: " + cut);
      String why = "the public key " + deleted + " was deleted by " + keyUser;
      assertTrue(cut.err.contains("gatehouse: " + why), "the client is told why: " + cut);
      assertEnded(deletedId, deleted, why);

      // Registered again with a token without it-ssh-oncall: a session admitted with it ends.
      String narrowedId = activeSession(keyUser, narrowed);
      HttpResponse<String> renewed =
          postKey(
              Gateway.devToken(keyUser, "it-ssh-users"), Files.readString(pub(narrowedKey)), "");
      assertEquals(200, renewed.statusCode(), "renewed: " + renewed.body());
      Run narrowedCut = byNarrowed.await(20);
      assertEquals(255, narrowedCut.exit, "ended on renewal without a group: " + narrowedCut);
      assertTrue(
          narrowedCut.err.contains("without the group(s) [it-ssh-oncall]"),
          "told which group it lost: " + narrowedCut);
      assertEnded(narrowedId, narrowed, "without the group(s) [it-ssh-oncall]");
      Run again = sshKey(narrowedKey, "echo still-in");
      assertEquals("still-in\n", again.out, "the renewed key logs in again: " + again);

      Run expired = byExpiring.await(30);
      assertEquals(255, expired.exit, "the session ended when its key expired: " + expired);
      assertEquals("started\n", expired.out, "cut before it finished: " + expired);
      assertTrue(expired.err.contains("access expired at"), "told it expired: " + expired);
    } finally {
      byDeleted.process.destroyForcibly();
      byNarrowed.process.destroyForcibly();
      byExpiring.process.destroyForcibly();
    }
  }

  @Test
  void anAdministratorListsAndDeletesAnyonesKeyAndItsSessionsEnd() throws Exception {
    String keyUser = "it-ssh-fired-" + UUID.randomUUID().toString().substring(0, 8);
    String owner = Gateway.devToken(keyUser, "it-ssh-users");
    Path key = keygen("fired-" + keyUser);
    String fingerprint = fingerprintOf(postKey(owner, Files.readString(pub(key)), ""), 201);
    String admin = Gateway.devToken("it-ssh-key-admin", "gatehouse-admin");
    String urlSafe = fingerprint.replace('+', '-').replace('/', '_');

    HttpResponse<String> all = Gateway.get("/api/v1/identities/keys", admin);
    assertEquals(200, all.statusCode(), "an administrator lists every key: " + all.body());
    JsonObject listed = null;
    for (JsonValue value : (JsonArray) parse(all.body())) {
      if (fingerprint.equals(value.asJsonObject().getString("fingerprint"))) {
        listed = value.asJsonObject();
      }
    }
    assertTrue(listed != null, "the user's key is listed: " + all.body());
    assertEquals(keyUser, listed.getString("identity"), "with its identity: " + listed);
    assertEquals("[\"it-ssh-users\"]", listed.getJsonArray("groups").toString(), "its groups");
    assertTrue(listed.getString("publicKey").endsWith("fired-" + keyUser), "its comment");
    assertTrue(listed.containsKey("expiresAt") && listed.containsKey("createdAt"), "its dates");
    HttpResponse<String> one =
        Gateway.get("/api/v1/identities/keys?identity=" + keyUser, auditorToken);
    assertEquals(200, one.statusCode(), "an auditor reads them too: " + one.body());
    assertEquals(1, ((JsonArray) parse(one.body())).size(), "one identity's: " + one.body());
    for (String outsider :
        List.of(userToken, Gateway.devToken("it-ssh-key-rita", "gatehouse-reviewer"))) {
      HttpResponse<String> refused = Gateway.get("/api/v1/identities/keys", outsider);
      assertEquals(403, refused.statusCode(), "not for others: " + refused.body());
      assertTrue(refused.body().contains("needs gatehouse-admin"), "says why: " + refused.body());
    }

    String path = "/api/v1/identities/" + keyUser + "/keys/" + urlSafe;
    for (String notAdmin : List.of(auditorToken, userToken)) {
      HttpResponse<String> refused = Gateway.send(Gateway.authorized(path, notAdmin).DELETE());
      assertEquals(403, refused.statusCode(), "only administrators delete: " + refused.body());
    }
    HttpResponse<String> wrongOwner =
        Gateway.send(
            Gateway.authorized("/api/v1/identities/someone-else/keys/" + urlSafe, admin).DELETE());
    assertEquals(404, wrongOwner.statusCode(), "not someone-else's key: " + wrongOwner.body());

    Open session = open(key, "echo started; sleep 60; echo not-reached");
    try {
      session.awaitOut("started\n");
      String id = activeSession(keyUser, fingerprint);
      HttpResponse<String> deleted =
          Gateway.send(Gateway.authorized(path + "?reason=laptop%20stolen", admin).DELETE());
      assertEquals(204, deleted.statusCode(), "deleted by the administrator: " + deleted.body());
      Run cut = session.await(20);
      String why =
          "the public key " + fingerprint + " of " + keyUser + " was deleted by it-ssh-key-admin";
      assertTrue(cut.err.contains(why + ": laptop stolen"), "told who and why: " + cut);
      assertEnded(id, fingerprint, why + ": laptop stolen");
    } finally {
      session.process.destroyForcibly();
    }
    assertEquals(
        "[]",
        Gateway.get("/api/v1/identities/keys?identity=" + keyUser, admin).body(),
        "gone from the list");
    assertEquals(255, sshKey(key, "echo nope").exit, "refused at the next login");
    assertEquals(404, Gateway.send(Gateway.authorized(path, admin).DELETE()).statusCode(), "gone");
  }

  @Test
  void aCommandWhoseClientLeavesIsEndedOnTheTargetAndItsPooledSessionStaysUsable()
      throws Exception {
    String user = "it-ssh-abandon-" + UUID.randomUUID().toString().substring(0, 8);
    String token = Gateway.devToken(user, "it-ssh-users");
    Path key = keygen("abandon-" + user);
    fingerprintOf(postKey(token, Files.readString(pub(key)), ""), 201);
    // A duration no other test uses, to find this very process on the target.
    String sleeping = "sleep " + (4000 + new java.security.SecureRandom().nextInt(5000));
    // A compound line: the shell runs the sleep as a child, which TERM reaches too (killpg).
    Open abandoned = open(key, "echo started; " + sleeping + "; echo not-reached");
    try {
      abandoned.awaitOut("started\n");
      ProcessHandle onTarget = awaitProcess(sleeping);
      abandoned.process.destroyForcibly();
      try {
        onTarget.onExit().get(15, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError(
            "'" + sleeping + "' still runs on the target 15 s after its client left", e);
      }
    } finally {
      abandoned.process.destroyForcibly();
    }
    for (int i = 0; i < 12; i++) { // more than OpenSSH's MaxSessions (10) on the pooled sessions
      Run next = sshKey(key, "echo next-" + i);
      assertEquals(0, next.exit, "a later session on the pooled target sessions: " + next);
      assertEquals("next-" + i + "\n", next.out, "its output: " + next);
    }
  }

  /** The process on this machine (the target sshd runs here) running exactly this command line. */
  private static ProcessHandle awaitProcess(String commandLine) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      java.util.Optional<ProcessHandle> found =
          ProcessHandle.allProcesses()
              .filter(
                  p ->
                      p.info()
                          .commandLine() // the program's full path, then its arguments
                          .filter(c -> c.equals(commandLine) || c.endsWith("/" + commandLine))
                          .isPresent())
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no process '" + commandLine + "' started on the target");
  }

  @Test
  void simultaneousRegistrationsOfOneKeyCreateItOnceAndNeverFail() throws Exception {
    int clients = 8;
    String run = UUID.randomUUID().toString().substring(0, 8);
    String mine = Files.readString(pub(keygen("raced-by-one-" + run)));
    String self = "it-ssh-race-" + run;
    List<String> sameToken = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      sameToken.add(Gateway.devToken(self, "it-ssh-users"));
    }
    List<HttpResponse<String>> renewals = concurrently(sameToken, mine);
    assertEquals(
        "[1, " + (clients - 1) + ", 0]",
        statusCounts(renewals, 201, 200, 409),
        "one registration, the rest renewals (201, 200, 409): " + bodies(renewals));
    JsonArray listed =
        (JsonArray) parse(Gateway.get("/api/v1/identities/me/keys", sameToken.get(0)).body());
    assertEquals(1, listed.size(), "exactly one key stored: " + listed);

    String contested = Files.readString(pub(keygen("raced-by-many-" + run)));
    List<String> others = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      others.add(Gateway.devToken("it-ssh-race-" + run + "-" + i, "it-ssh-users"));
    }
    List<HttpResponse<String>> claims = concurrently(others, contested);
    assertEquals(
        "[1, 0, " + (clients - 1) + "]",
        statusCounts(claims, 201, 200, 409),
        "one identity wins, the others are told it is taken: " + bodies(claims));
    int holders = 0;
    for (int i = 0; i < clients; i++) {
      JsonArray theirs =
          (JsonArray) parse(Gateway.get("/api/v1/identities/me/keys", others.get(i)).body());
      holders += theirs.size();
      assertEquals(claims.get(i).statusCode() == 201 ? 1 : 0, theirs.size(), "keys of client " + i);
      if (claims.get(i).statusCode() == 409) {
        assertTrue(
            claims.get(i).body().contains("registered to another identity"),
            "says why: " + claims.get(i).body());
      }
    }
    assertEquals(1, holders, "exactly one key stored");
  }

  /** The same registration sent by every token at once; the responses in token order. */
  private static List<HttpResponse<String>> concurrently(List<String> tokens, String keyLine)
      throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(tokens.size());
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (String token : tokens) {
        sent.add(
            pool.submit(
                () -> {
                  go.await();
                  return postKey(token, keyLine, "");
                }));
      }
      long started = System.nanoTime();
      go.countDown();
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (java.util.concurrent.Future<HttpResponse<String>> response : sent) {
        responses.add(response.get(60, TimeUnit.SECONDS));
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      // Derby reports a deadlock only after 20 s of waiting: a stall that long is a failure too.
      assertTrue(millis < 15_000, "answered without lock waits: " + millis + " ms");
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String statusCounts(List<HttpResponse<String>> responses, int... statuses) {
    List<Long> counts = new ArrayList<>();
    for (int status : statuses) {
      counts.add(responses.stream().filter(r -> r.statusCode() == status).count());
    }
    return counts.toString();
  }

  private static List<String> bodies(List<HttpResponse<String>> responses) {
    return responses.stream().map(r -> r.statusCode() + " " + r.body()).toList();
  }

  private static String fingerprintOf(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), "key registration: " + response.body());
    return ((JsonObject) parse(response.body())).getString("fingerprint");
  }

  /** The running session a key of {@code identity} opened; its listing names the key. */
  private static String activeSession(String identity, String fingerprint) {
    HttpResponse<String> list =
        Gateway.get(
            "/api/v1/sessions?connection="
                + connection
                + "&identity="
                + identity
                + "&status=active",
            auditorToken);
    assertEquals(200, list.statusCode(), "sessions listed: " + list.body());
    for (JsonValue value : (JsonArray) parse(list.body())) {
      if (fingerprint.equals(value.asJsonObject().getString("keyFingerprint", null))) {
        return value.asJsonObject().getString("id");
      }
    }
    throw new AssertionError("no running session of " + fingerprint + ": " + list.body());
  }

  /** The session ended by the gateway; its recording names the key and says why it ended. */
  private static void assertEnded(String id, String fingerprint, String why)
      throws InterruptedException {
    JsonArray events = awaitEvents(id, "session-end");
    JsonObject start = events.getJsonObject(0);
    assertEquals("session-start", start.getString("type"), "first event: " + events);
    assertTrue(
        start.getString("payload").contains("\"key\":\"" + fingerprint + "\""),
        "the recording names the key: " + start);
    JsonObject end =
        events.stream()
            .map(JsonValue::asJsonObject)
            .filter(e -> "session-end".equals(e.getString("type")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session-end: " + events));
    JsonObject payload = (JsonObject) parse(end.getString("payload"));
    assertEquals("terminated", payload.getString("reason"), "ended by the gateway: " + payload);
    assertTrue(payload.getString("message").contains(why), "the recording says why: " + payload);
    JsonObject session =
        (JsonObject) parse(Gateway.get("/api/v1/sessions/" + id, auditorToken).body());
    assertEquals("terminated", session.getString("status"), "its status: " + session);
  }

  /** An ssh client by key, left running; its output goes to files. */
  private record Open(Process process, Path out, Path err) {
    void awaitOut(String expected) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.readString(out).contains(expected)) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new AssertionError(
              "no \"" + expected + "\" from ssh: " + Files.readString(out) + Files.readString(err));
        }
        Thread.sleep(100);
      }
    }

    Run await(int seconds) throws Exception {
      assertTrue(
          process.waitFor(seconds, TimeUnit.SECONDS),
          "ssh still runs after " + seconds + " s: " + Files.readString(err));
      return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }

  private static Open open(Path key, String command) throws IOException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process process =
        sshKeyCommand(key, command)
            .redirectInput(new File("/dev/null"))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    return new Open(process, out, err);
  }

  /**
   * A security key line for {@code application} (no token here to make one with ssh-keygen -t
   * ed25519-sk; the listener's side is tested in GatewaySshServerTest).
   */
  private static String securityKey(String application) {
    byte[] type = "sk-ssh-ed25519@openssh.com".getBytes(StandardCharsets.US_ASCII);
    byte[] point = new byte[32];
    new java.security.SecureRandom().nextBytes(point);
    byte[] app = application.getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer blob =
        java.nio.ByteBuffer.allocate(12 + type.length + point.length + app.length);
    blob.putInt(type.length).put(type).putInt(point.length).put(point).putInt(app.length).put(app);
    return "sk-ssh-ed25519@openssh.com "
        + java.util.Base64.getEncoder().encodeToString(blob.array())
        + " yubikey";
  }

  private static Path keygen(String name) throws Exception {
    Path key = work.resolve("id_" + name);
    Run made =
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", "" + key));
    assertEquals(0, made.exit, "ssh-keygen: " + made);
    return key;
  }

  private static Path pub(Path key) {
    return Path.of(key + ".pub");
  }

  private static HttpResponse<String> postKey(String token, String body, String query) {
    return Gateway.send(
        Gateway.authorized("/api/v1/identities/me/keys" + query, token)
            .header("Content-Type", "text/plain")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static void assertKeyRefused(String token, String body, int status, String why) {
    HttpResponse<String> refused = postKey(token, body, "");
    assertEquals(status, refused.statusCode(), "'" + body + "': " + refused.body());
    assertTrue(refused.body().contains(why), "says why: " + refused.body());
  }

  private static Run sshKey(Path key, String command) throws IOException, InterruptedException {
    return run(sshKeyCommand(key, command).redirectInput(new File("/dev/null")));
  }

  private static ProcessBuilder sshKeyCommand(Path key, String command) {
    List<String> ssh =
        List.of(
            "ssh",
            "-p",
            "" + SSH_PORT,
            "-F",
            "/dev/null",
            "-i",
            key.toString(),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "IdentityAgent=none",
            "-o",
            "PasswordAuthentication=no",
            "-o",
            "KbdInteractiveAuthentication=no",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "ConnectTimeout=10",
            connection + "@127.0.0.1",
            command);
    return new ProcessBuilder(ssh).directory(work.toFile());
  }

  private static String register(String admin, String policy) {
    return register(admin, policy, targetPort);
  }

  private static String register(String admin, String policy, int port) {
    String name = "it-ssh-" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject body;
    try {
      body =
          Json.createObjectBuilder()
              .add("name", name)
              .add("type", "ssh")
              .add("target", Json.createObjectBuilder().add("host", "127.0.0.1").add("port", port))
              .add("hostKey", Files.readString(target.resolve("ssh_host_ecdsa_key.pub")).trim())
              .add(
                  "credential",
                  Json.createObjectBuilder()
                      .add("username", "ghtest")
                      .add("privateKey", Files.readString(target.resolve("client_key"))))
              .add("accessGroups", Json.createArrayBuilder().add("it-ssh-users"))
              .add("policy", policy)
              .build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    HttpResponse<String> created =
        Gateway.send(
            json(Gateway.authorized("/api/v1/connections", admin))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    assertEquals(201, created.statusCode(), "ssh connection registered: " + created.body());
    return name;
  }

  @Test
  void theExecApiRunsCommandsThroughTheSshDataPath() throws Exception {
    String reviewer = Gateway.devToken("it-ssh-exec-reviewer", "gatehouse-reviewer");
    String agent = Gateway.devToken("it-ssh-agent", "it-ssh-users");

    HttpResponse<String> ran =
        exec(agent, connection, "echo card 4111 1111 1111 1111; echo oops >&2; exit 3");
    assertEquals(200, ran.statusCode(), "ran: " + ran.body());
    JsonObject result = (JsonObject) parse(ran.body());
    assertEquals(3, result.getInt("exitStatus"), "the exit status: " + result);
    assertEquals(
        "oops\n", result.getString("stderr"), "stderr, without gateway notices: " + result);
    String stdout = result.getString("stdout");
    assertTrue(stdout.startsWith("card ") && stdout.endsWith("\n"), "stdout: " + result);
    assertTrue(!stdout.contains("4111 1111 1111 1111"), "masked by the policy: " + result);
    assertEquals(false, result.getBoolean("truncated"), "whole: " + result);
    String session = result.getString("sessionId");
    JsonArray events = awaitEvents(session, "session-end");
    assertTrue(
        events.stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(
                e ->
                    "exit".equals(e.getString("type"))
                        && e.getString("payload", "").contains("\"status\":3")),
        "the exit is recorded: " + events);
    assertTrue(
        events.stream()
            .map(JsonValue::asJsonObject)
            .filter(e -> "output".equals(e.getString("type")))
            .anyMatch(e -> e.getString("payload").contains("card ****")),
        "the recorded output is masked as the agent saw it: " + events);
    assertTrue(
        events.stream()
            .map(JsonValue::asJsonObject)
            .filter(e -> "output".equals(e.getString("type")))
            .noneMatch(e -> e.getString("payload").contains("4111 1111")),
        "no card in the recorded output: " + events);

    HttpResponse<String> blocked = exec(agent, connection, "rm -rf /tmp/gatehouse-exec-it");
    assertEquals(403, blocked.statusCode(), "blocked: " + blocked.body());
    assertTrue(
        blocked.body().contains("rule no-rm-rf: rm -rf is not allowed here"),
        "the problem names the rule: " + blocked.body());

    HttpResponse<String> held = exec(agent, connection, "whoami");
    assertEquals(202, held.statusCode(), "held: " + held.body());
    String review = ((JsonObject) parse(held.body())).getString("review");
    HttpResponse<String> approved =
        Gateway.send(
            json(Gateway.authorized("/api/v1/reviews/" + review + "/approve", reviewer))
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"agent check\"}")));
    assertEquals(200, approved.statusCode(), "approved: " + approved.body());
    HttpResponse<String> again = exec(agent, connection, "whoami");
    assertEquals(200, again.statusCode(), "sent again once approved: " + again.body());
    assertEquals("ghtest\n", ((JsonObject) parse(again.body())).getString("stdout"), "it ran");

    // gatehouse.exec.max.output.bytes=65536 in the ITs: the rest is dropped, the command ended.
    HttpResponse<String> big = exec(agent, connection, "yes | head -c 300000");
    assertEquals(200, big.statusCode(), "big: " + big.body());
    JsonObject cut = (JsonObject) parse(big.body());
    assertTrue(cut.getBoolean("truncated"), "truncated: " + cut.getString("stderr"));
    assertEquals(65536, cut.getString("stdout").length(), "kept up to the limit");
    assertTrue(!cut.containsKey("exitStatus"), "no exit status for an ended command");

    // gatehouse.exec.timeout.seconds=8 in the ITs.
    HttpResponse<String> slow = exec(agent, connection, "sleep 30");
    assertEquals(504, slow.statusCode(), "too slow: " + slow.body());
    assertTrue(slow.body().contains("within 8 s"), "says the limit: " + slow.body());

    String admin = Gateway.devToken("it-ssh-admin", "gatehouse-admin");
    String cluster = "it-ssh-k8s-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> k8s =
        Gateway.send(
            json(Gateway.authorized("/api/v1/connections", admin))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\""
                            + cluster
                            + "\",\"type\":\"kubernetes\",\"target\":{\"url\":\"http://127.0.0.1:9/\"},"
                            + "\"tls\":{\"mode\":\"disable\"},\"credential\":{\"token\":\"t\"},"
                            + "\"accessGroups\":[\"it-ssh-users\"]}")));
    assertEquals(201, k8s.statusCode(), "kubernetes connection: " + k8s.body());
    HttpResponse<String> wrongType = exec(agent, cluster, "id");
    assertEquals(409, wrongType.statusCode(), "not for kubernetes: " + wrongType.body());
    assertTrue(wrongType.body().contains("kubernetes connection"), wrongType.body());
    assertEquals(404, exec(agent, "it-ssh-nothing-" + UUID.randomUUID(), "id").statusCode());
    assertEquals(
        403,
        exec(Gateway.devToken("it-ssh-stranger", "nobody"), connection, "id").statusCode(),
        "no access, no exec");
  }

  @Test
  void eachConnectionHasItsOwnBulkheadAndCircuitBreaker() throws Exception {
    String agent = Gateway.devToken("it-ssh-busy", "it-ssh-users");
    // gatehouse.exec.concurrent.per.connection=1 in the ITs: a second call at once is refused.
    // (One, not more: on the 2-core test server Liberty's executor grows slowly, and a third
    // concurrent HTTP request may wait for a thread before it ever reaches the bulkhead.)
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CompletionService<HttpResponse<String>> calls =
          new java.util.concurrent.ExecutorCompletionService<>(pool);
      for (int i = 0; i < 2; i++) {
        calls.submit(() -> exec(agent, connection, "sleep 4; echo done"));
      }
      HttpResponse<String> refused = calls.take().get();
      assertEquals(
          503, refused.statusCode(), "the second call is refused at once: " + refused.body());
      assertTrue(refused.body().contains(connection), "names it: " + refused.body());
      assertTrue(refused.body().contains("at once (1,"), refused.body());
      assertEquals(
          "1", refused.headers().firstValue("Retry-After").orElse(""), "Retry-After: " + refused);
      HttpResponse<String> other = exec(agent, heldConnection, "echo other-connection");
      assertEquals(200, other.statusCode(), "another connection is not held up: " + other.body());
      java.util.concurrent.Future<HttpResponse<String>> first = calls.poll();
      assertTrue(first == null, "the first call was still running meanwhile");
      HttpResponse<String> ran = calls.take().get();
      assertEquals(200, ran.statusCode(), "the first call ran: " + ran.body());
      assertEquals("done\n", ((JsonObject) parse(ran.body())).getString("stdout"));
    } finally {
      pool.shutdownNow();
    }

    // A target that is down: three failures open its breaker, not the others'.
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> down = exec(agent, deadConnection, "echo unreachable");
      assertEquals(503, down.statusCode(), "target down: " + down.body());
      assertTrue(down.body().contains(deadConnection), "names it: " + down.body());
    }
    HttpResponse<String> open = exec(agent, deadConnection, "echo unreachable");
    assertEquals(503, open.statusCode(), "breaker open: " + open.body());
    assertTrue(open.body().contains("refused for"), "says for how long: " + open.body());
    long retry = Long.parseLong(open.headers().firstValue("Retry-After").orElse("0"));
    assertTrue(retry > 0 && retry <= 30, "Retry-After: " + retry);
    HttpResponse<String> alive = exec(agent, connection, "echo alive");
    assertEquals(200, alive.statusCode(), "other connections still run: " + alive.body());
  }

  // HTTP/1.1, one connection per concurrent call: the JDK client's h2c upgrade attempt holds
  // further requests to the host until the first answer, which would serialise the calls.
  private static final java.net.http.HttpClient HTTP_1 =
      java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .connectTimeout(java.time.Duration.ofSeconds(10))
          .build();

  private static HttpResponse<String> exec(String token, String on, String command)
      throws IOException, InterruptedException {
    return HTTP_1.send(
        json(Gateway.authorized("/api/v1/connections/" + on + "/exec", token))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.createObjectBuilder()
                        .add("input", command)
                        .add("reason", "SshGatewayIT")
                        .build()
                        .toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aGrantedSessionIsWarnedOnStderrBeforeItIsCutOff() throws Exception {
    String holder = Gateway.devToken("it-ssh-granted", "it-ssh-contractors");
    String grant = approvedGrant(holder, Gateway.devToken("it-ssh-rita", "gatehouse-reviewer"), 14);

    // 14 s with gatehouse.grant.warning.fraction=0.5 in the ITs: warned at ~7 s, cut at 14 s.
    Run held = ssh(holder, "echo started; sleep 60; echo not-reached");
    assertEquals("started\n", held.out, "ran until cut off: " + held);
    assertEquals(255, held.exit, "the gateway ended the session: " + held);
    int warning = held.err.indexOf("gatehouse: warning: access grant " + grant);
    assertTrue(warning >= 0, "warned on stderr: " + held);
    assertTrue(held.err.contains("expires at"), "the warning says when: " + held);
    int end = held.err.indexOf("expired", warning + 1);
    assertTrue(
        end > warning && held.err.substring(end).length() > 0,
        "the warning came before the expiry message: " + held);
  }

  /** A grant of {@code seconds} on the connection for the holder, approved; its id. */
  private static String approvedGrant(String holder, String reviewer, int seconds) {
    HttpResponse<String> requested =
        Gateway.send(
            json(Gateway.authorized("/api/v1/grants", holder))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"connection\":\""
                            + connection
                            + "\",\"durationSeconds\":"
                            + seconds
                            + ",\"reason\":\"INC-5 ssh\"}")));
    assertEquals(201, requested.statusCode(), "grant requested: " + requested.body());
    String grant = ((JsonObject) parse(requested.body())).getString("id");
    HttpResponse<String> approved =
        Gateway.send(
            json(Gateway.authorized("/api/v1/grants/" + grant + "/approve", reviewer))
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"ok\"}")));
    assertEquals(200, approved.statusCode(), "approved: " + approved.body());
    return grant;
  }

  private static List<String> sessionIds() {
    return sessionIds("it-ssh-user");
  }

  private static List<String> sessionIds(String identity) {
    HttpResponse<String> list =
        Gateway.get(
            "/api/v1/sessions?connection=" + connection + "&identity=" + identity, auditorToken);
    assertEquals(200, list.statusCode(), "sessions listed: " + list.body());
    List<String> ids = new ArrayList<>();
    for (JsonValue value : (JsonArray) parse(list.body())) {
      ids.add(value.asJsonObject().getString("id"));
    }
    return ids;
  }

  // Events reach the store through the spool's shipper, a moment after the session.
  private static HttpResponse<String> awaitReplay(String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      HttpResponse<String> replay = Gateway.get("/api/v1/sessions/" + id + "/replay", auditorToken);
      if (replay.statusCode() != 409 || System.nanoTime() > deadline) {
        return replay;
      }
      Thread.sleep(200);
    }
  }

  private static JsonArray awaitEvents(String id, String type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      HttpResponse<String> response =
          Gateway.get("/api/v1/sessions/" + id + "/events", auditorToken);
      assertEquals(200, response.statusCode(), "events: " + response.body());
      JsonArray events = (JsonArray) parse(response.body());
      boolean done = events.stream().anyMatch(e -> type.equals(e.asJsonObject().getString("type")));
      if (done || System.nanoTime() > deadline) {
        return events;
      }
      Thread.sleep(200);
    }
  }

  private static HttpRequest.Builder json(HttpRequest.Builder request) {
    return request.header("Content-Type", "application/json").header("Accept", "application/json");
  }

  private static JsonValue parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }

  private record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + ", stdout [" + out + "], stderr [" + err + "]";
    }
  }

  private static Run ssh(String token, String command) throws IOException, InterruptedException {
    ProcessBuilder builder = sshCommand(connection, token, command);
    builder.redirectInput(new File("/dev/null"));
    return run(builder);
  }

  private static Process start(ProcessBuilder builder, Path err) throws IOException {
    return builder.redirectInput(new File("/dev/null")).redirectError(err.toFile()).start();
  }

  private static ProcessBuilder sshCommand(String user, String token, String command)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("-p", "" + SSH_PORT));
    args.addAll(SshTarget.CLIENT_OPTIONS);
    args.addAll(List.of(user + "@127.0.0.1", command));
    return client("ssh", token, args);
  }

  /** scp or sftp (port option {@code -P}) to the gateway, authenticating with {@code token}. */
  private static ProcessBuilder transferCommand(String program, String token, String... args)
      throws IOException {
    List<String> all = new ArrayList<>(List.of("-P", "" + SSH_PORT));
    all.addAll(SshTarget.CLIENT_OPTIONS);
    all.addAll(List.of(args));
    return client(program, token, all).redirectInput(new File("/dev/null"));
  }

  // The real OpenSSH client, given the token as its password through SSH_ASKPASS.
  private static ProcessBuilder client(String program, String token, List<String> args)
      throws IOException {
    return SshTarget.client(work, program, token, args);
  }

  private static Run run(List<String> command) throws IOException, InterruptedException {
    return run(new ProcessBuilder(command));
  }

  private static Run run(ProcessBuilder builder) throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(builder.command() + " did not finish: " + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
