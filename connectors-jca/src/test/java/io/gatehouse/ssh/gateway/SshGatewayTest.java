package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.connector.ra.LiveSessions;
import io.gatehouse.recording.Asciicast;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.ssh.testing.InteractiveSsh;
import io.gatehouse.ssh.testing.MinaUser;
import io.gatehouse.ssh.testing.OpenSshClient;
import io.gatehouse.ssh.testing.SshdTestTarget;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH data path wired as the resource adapter runs it, with a stub control plane: the real
 * {@code ssh} client, the gateway in process, a real sshd target. Checks admission, the plan's
 * command rules, output masking, the recording and its asciicast export.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SshGatewayTest {

  static final String TOKEN = "good-token";
  static final String POLICY =
      """
      {"name":"web-default","rules":[
        {"id":"no-rm-rf","action":"block","when":{"command":{"patterns":["rm -rf *"]}},
         "message":"rm -rf is not allowed on web-prod"},
        {"id":"review-reboot","action":"review","when":{"command":{"programs":["reboot"]}}},
        {"id":"review-whoami","action":"review","when":{"command":{"programs":["whoami"]}}}],
       "masking":{"rules":[{"id":"cards","detector":"payment-card","strategy":"partial"}]}}
      """;

  static final String OPEN_POLICY =
      """
      {"name":"open","masking":{"rules":[{"id":"cards","detector":"payment-card","strategy":"redact"}]}}
      """;

  /** As {@link #OPEN_POLICY}, with this test's identity (alice, in developers) exempt. */
  static final String EXEMPT_POLICY =
      """
      {"name":"exempt","masking":{"exemptGroups":["developers"],
       "rules":[{"id":"cards","detector":"payment-card","strategy":"redact"}]}}
      """;

  private static SshdTestTarget sshd;
  private static SshGateway gateway;
  private static EventSpool spool;
  private static OpenSshClient client;
  private static final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor();
  private static final List<SessionPlan> plans = new CopyOnWriteArrayList<>();
  private static final List<SessionOutcome> outcomes = new CopyOnWriteArrayList<>();
  private static final List<RecordedEvent> stored = new CopyOnWriteArrayList<>();
  private static final LiveSessions live = new LiveSessions();
  private static final Map<String, ReviewTicket.State> reviews = new ConcurrentHashMap<>();
  private static final List<ReviewRequestInfo> reviewRequests = new CopyOnWriteArrayList<>();
  private static SpoolShipper shipper;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    sshd = SshdTestTarget.start();
    spool = EventSpool.open(work.resolve("spool"), false);
    shipper =
        new SpoolShipper(spool, stored::addAll, 500, Duration.ofMillis(50), Clock.systemUTC());
    String hostKey =
        Files.readString(
            sshd.directory().resolve("ssh_host_ecdsa_key.pub"), StandardCharsets.UTF_8);
    String privateKey =
        Files.readString(sshd.directory().resolve("client_key"), StandardCharsets.UTF_8);
    gateway =
        SshGateway.start(
            new SshGateway.Settings("127.0.0.1", 0, work.resolve("hostkeys")),
            request -> admit(request, hostKey, privateKey),
            new StubReviews(),
            outcomes::add,
            spool,
            shipper,
            timers,
            live,
            Clock.systemUTC(),
            null);
    client = new OpenSshClient(work, gateway.port(), TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (sshd != null) {
      sshd.close();
    }
    timers.shutdownNow();
    if (spool != null) {
      spool.close();
    }
  }

  private static SessionPlan admit(AccessRequest request, String hostKey, String privateKey)
      throws AccessDeniedException {
    if (!TOKEN.equals(request.accessToken())) {
      throw new AccessDeniedException(
          AccessDeniedException.Reason.INVALID_CREDENTIAL, "access token refused: bad signature");
    }
    if (!Set.of("web-prod", "nopin", "open", "exempt").contains(request.connection())) {
      throw new AccessDeniedException(
          AccessDeniedException.Reason.UNKNOWN_CONNECTION,
          "there is no connection named \"" + request.connection() + "\"");
    }
    assertEquals(Protocol.SSH, request.protocol(), "the SSH path asks for SSH access");
    TargetSpec target =
        new TargetSpec(
            "127.0.0.1",
            sshd.port(),
            null,
            null,
            "disable",
            null,
            request.connection().equals("nopin") ? null : hostKey,
            SshdTestTarget.USER,
            privateKey,
            "privateKey",
            1);
    SessionPlan plan =
        new SessionPlan(
            UUID.randomUUID().toString(),
            "alice",
            Set.of("developers"),
            request.connection(),
            Protocol.SSH,
            target,
            switch (request.connection()) {
              case "open" -> "open";
              case "exempt" -> "exempt";
              default -> "web-default";
            },
            1,
            switch (request.connection()) {
              case "open" -> OPEN_POLICY;
              case "exempt" -> EXEMPT_POLICY;
              default -> POLICY;
            },
            Instant.now().plusSeconds(3600),
            null,
            new byte[32]);
    plans.add(plan);
    return plan;
  }

  @Test
  void allowedCommandRunsAndIsRecordedInOrderWithReplay() throws Exception {
    OpenSshClient.Run run = client.ssh("web-prod", "echo hello");
    assertEquals(0, run.exit(), run::toString);
    assertEquals("hello\n", run.out(), run::toString);

    List<RecordedEvent> events = eventsOf(lastPlan().sessionId(), "session-end");
    assertEquals(
        List.of("session-start", "command", "output", "exit", "session-end"),
        events.stream().map(RecordedEvent::type).toList(),
        "events in order: " + events);
    RecordedEvent command = events.get(1);
    assertEquals("allow", command.decision(), "the command's decision is recorded");
    assertTrue(command.payloadJson().contains("echo hello"), command.payloadJson());
    assertTrue(events.get(3).payloadJson().contains("\"status\":0"), events.get(3).payloadJson());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).sequence(), "sequence numbers without gaps");
    }

    String cast = Asciicast.export(events.get(0).at(), asciicastEvents(events));
    String[] lines = cast.split("\n");
    JsonObject header = Json.createReader(new StringReader(lines[0])).readObject();
    assertEquals(2, header.getInt("version"), cast);
    assertTrue(header.getInt("width") > 0 && header.getInt("height") > 0, cast);
    JsonArray frame = Json.createReader(new StringReader(lines[1])).readArray();
    assertEquals("o", frame.getString(1), cast);
    assertEquals("hello\n", frame.getString(2), cast);
    awaitOutcome(lastPlan().sessionId());
  }

  @Test
  void blockedCommandIsRefusedWithTheRuleMessage() throws Exception {
    OpenSshClient.Run run = client.ssh("web-prod", "rm -rf /tmp/gatehouse-x");
    assertEquals(126, run.exit(), run::toString);
    assertTrue(
        run.err().contains("rule no-rm-rf: rm -rf is not allowed on web-prod"), run::toString);
    List<RecordedEvent> events = eventsOf(lastPlan().sessionId(), "session-end");
    RecordedEvent command =
        events.stream().filter(e -> e.type().equals("command")).findFirst().orElseThrow();
    assertEquals("block", command.decision(), events.toString());
    assertEquals("no-rm-rf", command.ruleId(), events.toString());
    SessionOutcome outcome = awaitOutcome(lastPlan().sessionId());
    assertEquals(1, outcome.blocked(), outcome.toString());
  }

  @Test
  void execHeldForReviewRunsOnceApproved() throws Exception {
    Path err = work.resolve("review-exec.err");
    Process process = client.startSsh("web-prod", List.of("-o", "LogLevel=ERROR"), err, "whoami");
    try {
      String review = awaitReview("whoami");
      awaitText(err, "gatehouse: waiting for review " + review + " (rule review-whoami)");
      reviews.put(review, ReviewTicket.State.APPROVED);
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the held command ends");
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), out + Files.readString(err));
      assertEquals(SshdTestTarget.USER + "\n", out, "the approved command ran on the target");
      List<RecordedEvent> events = eventsOf(lastPlan().sessionId(), "session-end");
      assertTrue(
          events.stream()
              .anyMatch(e -> e.type().equals("review") && e.payloadJson().contains("approved")),
          events.toString());
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void execHeldForReviewIsRefusedWhenRejected() throws Exception {
    Path err = work.resolve("review-reject.err");
    Process process = client.startSsh("web-prod", List.of("-o", "LogLevel=ERROR"), err, "reboot");
    try {
      String review = awaitReview("reboot");
      reviews.put(review, ReviewTicket.State.REJECTED);
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the held command ends");
      assertEquals(126, process.exitValue(), Files.readString(err));
      assertTrue(
          Files.readString(err).contains("review " + review + " was rejected by carol"),
          Files.readString(err));
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void undecidableCommandFailsClosed() throws Exception {
    OpenSshClient.Run run = client.ssh("web-prod", "$(echo rm) -rf /tmp/gatehouse-y");
    assertEquals(126, run.exit(), run::toString);
    assertTrue(run.err().contains("cannot be checked"), run::toString);
  }

  @Test
  void cardNumbersAreMaskedForTheClientAndTheRecording() throws Exception {
    OpenSshClient.Run run = client.ssh("web-prod", "echo card 4111111111111111 ok");
    assertEquals(0, run.exit(), run::toString);
    assertFalse(run.out().contains("4111111111111111"), run::toString);
    assertTrue(run.out().contains("1111"), "partial keeps the last four: " + run);
    List<RecordedEvent> events = eventsOf(lastPlan().sessionId(), "session-end");
    for (RecordedEvent event : events) {
      if (!event.type().equals("command")) {
        assertFalse(event.payloadJson().contains("4111111111111111"), event.toString());
      }
    }
  }

  /** Stderr is masked as stdout is; an identity in an exempt group sees values in clear. */
  @Test
  void stderrIsMaskedAndAnExemptGroupSeesValuesInClear() throws Exception {
    OpenSshClient.Run err = client.ssh("web-prod", "echo card 4111111111111111 >&2");
    assertEquals(0, err.exit(), err::toString);
    assertTrue(err.err().contains("card ************1111"), err::toString);
    assertFalse(err.err().contains("4111111111111111"), err::toString);

    OpenSshClient.Run exempt = client.ssh("exempt", "echo card 4111111111111111");
    assertEquals(0, exempt.exit(), exempt::toString);
    assertEquals("card 4111111111111111\n", exempt.out(), "exempt: in clear: " + exempt);
  }

  /** Output of a PTY shell is masked too, its escape sequences intact. */
  @Test
  void aShellsOutputIsMaskedOnTheTerminal() throws Exception {
    Duration wait = Duration.ofSeconds(20);
    try (InteractiveSsh shell =
        InteractiveSsh.start(client, "web-prod", List.of("-o", "LogLevel=ERROR"))) {
      shell.await("$ ", wait);
      shell.type("printf 'card %s\\033[0m end\\n' 4111111111111111\r");
      shell.await("end", wait);
      shell.await("$ ", wait);
      shell.type("exit 0\r");
      assertEquals(0, shell.waitFor(wait), shell.output());
      assertTrue(shell.output().contains("card ************1111\u001b[0m end"), shell.output());
      assertFalse(shell.output().contains("4111111111111111"), shell.output());
    }
  }

  @Test
  void shellLinesAreCheckedWhenEnterIsPressed() throws Exception {
    Path victim = Files.createDirectories(Path.of("/tmp/gatehouse-shell-" + UUID.randomUUID()));
    victim.toFile().setWritable(true, false);
    Duration wait = Duration.ofSeconds(20);
    try (InteractiveSsh shell =
        InteractiveSsh.start(client, "web-prod", List.of("-o", "LogLevel=ERROR"))) {
      shell.await("$ ", wait);
      shell.type("echo hel''lo-shell\r");
      shell.await("hello-shell", wait);
      shell.await("$ ", wait);

      shell.type("rm -rf " + victim + "\r");
      shell.await("gatehouse: denied: rule no-rm-rf: rm -rf is not allowed on web-prod", wait);
      shell.await("$ ", wait);
      assertTrue(Files.isDirectory(victim), "the blocked line did not run");

      shell.type(
          "rm -rf /nowhere\u007f\u007f\u007f\u007f\u007f\u007f\u007f\u007f\u0015echo edited-ok\r");
      shell.await("edited-ok", wait);
      shell.await("$ ", wait);

      shell.type("\u001b[A\r");
      shell.await("which the gateway cannot follow", wait);
      shell.await("$ ", wait);

      shell.type("whoami\r");
      String review = awaitReview("whoami");
      shell.await("waiting for review " + review, wait);
      reviews.put(review, ReviewTicket.State.APPROVED);
      shell.await(SshdTestTarget.USER, wait);
      shell.await("$ ", wait);

      shell.type("stty -echo; read -r secret; stty echo; echo got-${#secret}\r");
      shell.await("stty echo", wait);
      Thread.sleep(300);
      shell.type("hunter2\r");
      shell.await("got-7", wait);
      shell.await("$ ", wait);

      shell.type("stty -echo; read -r second; stty echo\r");
      shell.await("stty echo", wait);
      Thread.sleep(300);
      int reviewsBefore = reviewRequests.size();
      shell.type("whoami\r");
      shell.await("not sent for review (it may be a secret)", wait);
      assertEquals(reviewsBefore, reviewRequests.size(), "a blind line never goes to reviewers");
      shell.await("$ ", wait);
      shell.type("exit 0\r");
      assertEquals(0, shell.waitFor(wait), shell.output());
      assertFalse(shell.output().contains("hunter2"), shell.output());
    } finally {
      Files.deleteIfExists(victim);
    }
    List<RecordedEvent> events = eventsOf(lastPlan().sessionId(), "session-end");
    List<String> lines =
        events.stream()
            .filter(e -> e.type().equals("command"))
            .map(e -> e.decision() + " " + e.ruleId())
            .toList();
    assertEquals(
        List.of(
            "allow null",
            "block no-rm-rf",
            "allow null",
            "block no-rm-rf",
            "allow review-whoami",
            "allow null",
            "allow null",
            "allow null",
            "block review-whoami",
            "allow null"),
        lines,
        "each line is recorded with its decision: " + events);
    for (RecordedEvent event : events) {
      assertFalse(event.payloadJson().contains("hunter2"), "no secret recorded: " + event);
    }
    assertTrue(
        events.stream()
            .anyMatch(e -> e.payloadJson().contains("\"redacted\":\"typed without echo\"")),
        "the line typed without echo is recorded as redacted: " + events);
  }

  /**
   * What an exec'd shell or interpreter reads from the channel is commands that are not on the
   * command line: under command rules, with a terminal its lines are checked at Enter as a shell's
   * are, and without one (where nothing could be checked line by line) it is refused, as is a shell
   * without a terminal.
   */
  @Test
  void shellsStartedWithoutATerminalAreRefusedAndWithOneTheirLinesAreChecked() throws Exception {
    Path victim = Files.createDirectories(Path.of("/tmp/gatehouse-stdin-" + UUID.randomUUID()));
    victim.toFile().setWritable(true, false);
    Path script = work.resolve("stdin-commands.txt");
    Files.writeString(script, "rm -rf " + victim + "\necho ran-from-stdin\n");
    Duration wait = Duration.ofSeconds(20);
    try {
      for (String remote : List.of("bash", "sudo -i", "python3 -")) {
        OpenSshClient.Run run =
            client.ssh("web-prod", List.of("-o", "LogLevel=ERROR"), script, remote);
        assertEquals(126, run.exit(), remote + ": " + run);
        assertTrue(
            run.err().contains("'" + remote + "' without a terminal takes its commands from input"),
            remote + ": " + run);
        assertTrue(Files.isDirectory(victim), remote + ": nothing from stdin ran");
        RecordedEvent command =
            eventsOf(lastPlan().sessionId(), "session-end").stream()
                .filter(e -> e.type().equals("command"))
                .findFirst()
                .orElseThrow();
        assertEquals("block", command.decision(), remote + ": " + command);
      }

      OpenSshClient.Run shell =
          client.ssh("web-prod", List.of("-o", "LogLevel=ERROR", "-T"), script);
      assertTrue(
          shell.err().contains("a shell without a terminal takes its commands from input"),
          shell::toString);
      assertFalse(shell.out().contains("ran-from-stdin"), shell::toString);
      assertTrue(Files.isDirectory(victim), "nothing from a shell's stdin ran");

      try (InteractiveSsh bash =
          InteractiveSsh.start(
              client, "web-prod", List.of("-o", "LogLevel=ERROR"), "bash", "--norc", "-i")) {
        bash.await("$ ", wait);
        bash.type("echo exec-''bash-ok\r");
        bash.await("exec-bash-ok", wait);
        bash.await("$ ", wait);
        bash.type("rm -rf " + victim + "\r");
        bash.await("gatehouse: denied: rule no-rm-rf: rm -rf is not allowed on web-prod", wait);
        bash.await("$ ", wait);
        bash.type("exit 0\r");
        assertEquals(0, bash.waitFor(wait), bash.output());
      }
      assertTrue(Files.isDirectory(victim), "the line typed into an exec'd bash was checked");
      List<String> decisions =
          eventsOf(lastPlan().sessionId(), "session-end").stream()
              .filter(e -> e.type().equals("command"))
              .map(e -> e.decision() + " " + e.ruleId())
              .toList();
      assertEquals(
          List.of("allow null", "allow null", "block no-rm-rf", "allow null"),
          decisions,
          "the exec, then each line at Enter");
    } finally {
      Files.deleteIfExists(victim);
    }
  }

  /**
   * Only a line that is exactly a legacy scp (or rsync) server command is relayed as a file
   * transfer, whose bytes are neither masked nor recorded: a line that merely starts with {@code
   * scp } is an ordinary command, masked and recorded.
   */
  @Test
  void aLineThatOnlyStartsWithScpIsMaskedAndRecorded() throws Exception {
    OpenSshClient.Run run =
        client.ssh("web-prod", "scp -V 2>/dev/null; echo card 4111111111111111 ok");
    assertTrue(run.out().contains("card "), run::toString);
    assertFalse(run.out().contains("4111111111111111"), run::toString);
    List<RecordedEvent> events = eventsOf(lastPlan().sessionId(), "session-end");
    assertTrue(
        events.stream()
            .anyMatch(e -> e.type().equals("output") && e.payloadJson().contains("card ")),
        "the output is recorded: " + events);
  }

  /**
   * A window change reaches the real target's PTY ({@code stty size} shows it), is recorded as a
   * {@code resize} event, and replays as an asciicast {@code "r"} frame before the output that
   * followed it.
   */
  @Test
  void aWindowChangeResizesTheTargetAndReplaysAsAResize() throws Exception {
    MinaUser user = new MinaUser();
    try (ClientSession session = user.login(gateway.port(), "open", TOKEN);
        ChannelShell shell = session.createShellChannel()) {
      shell.setPtyType("xterm");
      shell.setPtyColumns(100);
      shell.setPtyLines(30);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      shell.setOut(out);
      shell.setErr(out);
      shell.open().verify(MinaUser.TIMEOUT);
      java.io.OutputStream keys = shell.getInvertedIn();
      keys.write("stty size\n".getBytes(StandardCharsets.UTF_8));
      keys.flush();
      awaitBytes(out, "30 100");
      shell.sendWindowChange(132, 50);
      Thread.sleep(200); // the change reaches the target before the next line
      keys.write("stty size; exit 0\n".getBytes(StandardCharsets.UTF_8));
      keys.flush();
      shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(20));
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("50 132"), out::toString);
    } finally {
      user.client().stop();
    }
    List<RecordedEvent> events = eventsOf(lastPlan().sessionId(), "session-end");
    RecordedEvent resize =
        events.stream().filter(e -> e.type().equals("resize")).findFirst().orElseThrow();
    assertTrue(resize.payloadJson().contains("\"width\":132,\"height\":50"), resize.toString());
    String cast = Asciicast.export(events.get(0).at(), asciicastEvents(events));
    int r = cast.indexOf("\"r\", \"132x50\"");
    assertTrue(r > 0, cast);
    assertTrue(cast.indexOf("50 132") > r, "the resize comes before what followed it: " + cast);
  }

  private static void awaitBytes(java.io.ByteArrayOutputStream out, String expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!out.toString(StandardCharsets.UTF_8).contains(expected)) {
      assertTrue(System.nanoTime() < deadline, () -> "no '" + expected + "' in " + out);
      Thread.sleep(20);
    }
  }

  @Test
  void shellWithoutCommandRulesIsRelayedMaskedAndRecorded() throws Exception {
    Path script = work.resolve("shell.txt");
    Files.writeString(script, "echo shell-ok 4111111111111111\nexit 3\n");
    OpenSshClient.Run run = client.ssh("open", List.of("-o", "LogLevel=ERROR", "-T"), script);
    assertEquals(3, run.exit(), run::toString);
    assertTrue(run.out().contains("shell-ok ****"), run::toString);
    assertFalse(run.out().contains("4111111111111111"), run::toString);
    List<RecordedEvent> events = eventsOf(lastPlan().sessionId(), "session-end");
    List<String> types = events.stream().map(RecordedEvent::type).distinct().toList();
    assertTrue(
        types.containsAll(
            List.of("session-start", "shell", "input", "output", "exit", "session-end")),
        types.toString());
    assertTrue(
        events.stream()
            .anyMatch(e -> e.type().equals("input") && e.payloadJson().contains("exit 3")),
        "keystrokes are recorded: " + events);
  }

  @Test
  void sftpAndScpFileOperationsAreRecordedOneByOne() throws Exception {
    byte[] data = new byte[300 * 1024 + 17];
    new java.util.Random(7).nextBytes(data);
    Path local = work.resolve("sftp-up.bin");
    Files.write(local, data);
    String dir = "/tmp/gatehouse-sftprec-" + UUID.randomUUID();
    Path back = work.resolve("sftp-down.bin");
    Path batch = work.resolve("sftp-rec.txt");
    Files.writeString(
        batch,
        String.join(
            "\n",
            "mkdir " + dir,
            "put " + local + " " + dir + "/up.bin",
            "rename " + dir + "/up.bin " + dir + "/moved.bin",
            "get " + dir + "/moved.bin " + back,
            "-rmdir " + dir + "/missing",
            "rm " + dir + "/moved.bin",
            "rmdir " + dir,
            ""));
    OpenSshClient.Run run = client.sftpBatch("open", batch);
    assertEquals(0, run.exit(), run::toString);
    assertArrayEquals(data, Files.readAllBytes(back), "the file came back whole");
    List<String> ops =
        eventsOf(lastPlan().sessionId(), "session-end").stream()
            .filter(e -> e.type().equals("file"))
            .map(e -> fileOp(e.payloadJson()))
            .toList();
    assertEquals(
        List.of(
            "mkdir " + dir + " ok",
            "close " + dir + "/up.bin write upload 0/" + data.length + " ok",
            "rename " + dir + "/up.bin>" + dir + "/moved.bin ok",
            "close " + dir + "/moved.bin read download " + data.length + "/0 ok",
            "rmdir " + dir + "/missing No such file",
            "remove " + dir + "/moved.bin ok",
            "rmdir " + dir + " ok"),
        ops,
        "each file operation with path, direction, bytes and the server's answer");

    String remote = "/tmp/gatehouse-scprec-" + UUID.randomUUID() + ".bin";
    OpenSshClient.Run up = client.scp(List.of(), local.toString(), "open@127.0.0.1:" + remote);
    assertEquals(0, up.exit(), up::toString);
    List<String> scp =
        eventsOf(lastPlan().sessionId(), "session-end").stream()
            .filter(e -> e.type().equals("file"))
            .map(e -> fileOp(e.payloadJson()))
            .toList();
    assertTrue(
        scp.contains("close " + remote + " write upload 0/" + data.length + " ok"),
        "scp (over sftp) uploads are recorded too: " + scp);

    // Legacy scp (-O, the old exec protocol): followed too, each file once the target answered.
    String legacy = "/tmp/gatehouse-scplegacy-" + UUID.randomUUID() + ".bin";
    OpenSshClient.Run oldUp =
        client.scp(List.of("-O"), local.toString(), "open@127.0.0.1:" + legacy);
    assertEquals(0, oldUp.exit(), oldUp::toString);
    assertEquals(
        List.of("close " + legacy + "[sftp-up.bin] write upload 0/" + data.length + " ok"),
        fileOps(),
        "a legacy upload");
    Path legacyBack = work.resolve("scp-legacy-down.bin");
    OpenSshClient.Run oldDown =
        client.scp(List.of("-O"), "open@127.0.0.1:" + legacy, legacyBack.toString());
    assertEquals(0, oldDown.exit(), oldDown::toString);
    assertArrayEquals(data, Files.readAllBytes(legacyBack), "the legacy download came back whole");
    String name = Path.of(legacy).getFileName().toString();
    assertEquals(
        List.of("close " + legacy + "[" + name + "] read download " + data.length + "/0 ok"),
        fileOps(),
        "a legacy download");
    OpenSshClient.Run missing =
        client.scp(List.of("-O"), "open@127.0.0.1:" + legacy + ".missing", legacyBack.toString());
    assertNotEquals(0, missing.exit(), missing::toString);
    List<String> refused = fileOps();
    assertEquals(1, refused.size(), refused.toString());
    assertTrue(
        refused.get(0).startsWith("open " + legacy + ".missing ")
            && refused.get(0).endsWith("No such file or directory"),
        "a refused legacy download, with the target's message: " + refused);
    client.ssh("open", "rm -f " + remote + " " + legacy);
  }

  private static List<String> fileOps() throws Exception {
    return eventsOf(lastPlan().sessionId(), "session-end").stream()
        .filter(e -> e.type().equals("file"))
        .map(e -> fileOp(e.payloadJson()))
        .toList();
  }

  private static String fileOp(String payload) {
    JsonObject json = Json.createReader(new StringReader(payload)).readObject();
    String op = json.getString("op");
    return op
        + " "
        + json.getString("path")
        + (json.containsKey("name") ? "[" + json.getString("name") + "]" : "")
        + (json.containsKey("to") ? ">" + json.getString("to") : "")
        + (json.containsKey("mode") ? " " + json.getString("mode") : "")
        + (json.containsKey("direction") ? " " + json.getString("direction") : "")
        + (op.equals("close")
            ? " " + json.getJsonNumber("read").longValue() + "/" + json.getJsonNumber("written")
            : "")
        + " "
        + json.getString("status");
  }

  @Test
  void badTokenIsRefused() throws Exception {
    OpenSshClient bad = new OpenSshClient(work, gateway.port(), "forged");
    OpenSshClient.Run run = bad.ssh("web-prod", List.of(), null, "echo hello");
    assertEquals(255, run.exit(), run::toString);
    assertFalse(run.out().contains("hello"), run::toString);
    assertTrue(
        run.err().contains("gatehouse: access token refused: bad signature"),
        "the client is told why (and may retry): " + run);
  }

  @Test
  void unknownConnectionIsRefusedWithTheReason() throws Exception {
    OpenSshClient.Run run = client.ssh("nosuch", "echo hello");
    assertEquals(255, run.exit(), run::toString);
    assertTrue(run.err().contains("there is no connection named"), run::toString);
  }

  @Test
  void connectionWithoutPinnedHostKeyIsNotTrusted() throws Exception {
    OpenSshClient.Run run = client.ssh("nopin", "echo hello");
    assertNotEquals(0, run.exit(), run::toString);
    assertTrue(run.err().contains("no pinned host key"), run::toString);
  }

  @Test
  void terminationEndsTheSessionWithAMessage() throws Exception {
    int before = plans.size();
    Process process =
        client.startSsh(
            "web-prod", List.of("-o", "LogLevel=ERROR"), work.resolve("t.err"), "sleep 30");
    try {
      // This client's session: another test's may still be live while it closes.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!(plans.size() > before
              && live.list().stream()
                  .anyMatch(l -> l.sessionId().equals(plans.get(before).sessionId())))
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(plans.size() > before, "the session was admitted");
      String id = plans.get(before).sessionId();
      assertTrue(
          live.list().stream().anyMatch(l -> l.sessionId().equals(id)),
          "the session is registered as live");
      assertTrue(live.terminate(id, "revoked by an administrator"), "terminated");
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the client is disconnected");
      String err = Files.readString(work.resolve("t.err"));
      assertTrue(err.contains("revoked by an administrator"), err);
      assertEquals("terminated", awaitOutcome(id).reason(), "the outcome names the termination");
      List<RecordedEvent> events = eventsOf(id, "session-end");
      String end = events.get(events.size() - 1).payloadJson();
      assertTrue(
          end.contains("\"reason\":\"terminated\"")
              && end.contains("\"message\":\"revoked by an administrator\""),
          "the recording says why: " + end);
    } finally {
      process.destroyForcibly();
    }
  }

  private static void awaitText(Path file, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.readString(file).contains(expected)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no \"" + expected + "\" in " + Files.readString(file));
      }
      Thread.sleep(50);
    }
  }

  private static String awaitReview(String commandLine) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (int i = reviewRequests.size() - 1; i >= 0; i--) {
        ReviewRequestInfo request = reviewRequests.get(i);
        String id = "r" + (i + 1);
        if (request.subject().equals(commandLine)
            && reviews.get(id) == ReviewTicket.State.PENDING) {
          return id;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no pending review of " + commandLine + " in " + reviewRequests);
  }

  /** The control plane's reviews, decided by the test through {@link #reviews}. */
  private static final class StubReviews implements SshGateway.Reviews {
    private final Instant decideBy = Instant.now().plusSeconds(600);

    @Override
    public synchronized ReviewTicket request(ReviewRequestInfo request) {
      assertEquals("alice", request.identity(), "the review names who asked");
      reviewRequests.add(request);
      String id = "r" + reviewRequests.size();
      reviews.put(id, ReviewTicket.State.PENDING);
      return status(id);
    }

    @Override
    public ReviewTicket status(String reviewId) {
      ReviewTicket.State state = reviews.get(reviewId);
      return new ReviewTicket(
          reviewId, state, decideBy, state == ReviewTicket.State.PENDING ? null : "carol", null);
    }
  }

  private static SessionPlan lastPlan() {
    return plans.get(plans.size() - 1);
  }

  private static List<Asciicast.Event> asciicastEvents(List<RecordedEvent> events) {
    List<Asciicast.Event> out = new ArrayList<>();
    for (RecordedEvent e : events) {
      out.add(new Asciicast.Event(e.type(), e.payloadJson()));
    }
    return out;
  }

  private static List<RecordedEvent> eventsOf(String sessionId, String untilType) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      shipper.shipOnce();
      List<RecordedEvent> events =
          stored.stream().filter(e -> e.sessionId().equals(sessionId)).toList();
      if (events.stream().anyMatch(e -> e.type().equals(untilType))
          || System.nanoTime() > deadline) {
        return events;
      }
      Thread.sleep(50);
    }
  }

  private static SessionOutcome awaitOutcome(String sessionId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (SessionOutcome outcome : outcomes) {
        if (outcome.sessionId().equals(sessionId)) {
          return outcome;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no outcome for " + sessionId + " in " + outcomes);
  }
}
