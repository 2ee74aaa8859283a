package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.ssh.testing.FreePorts;
import io.gatehouse.ssh.testing.InProcessTarget;
import io.gatehouse.ssh.testing.MinaUser;
import io.gatehouse.ssh.testing.OpenSshClient;
import io.gatehouse.ssh.testing.SshdTestTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local forwarding ({@code ssh -W}, {@code ssh -L}) with the real OpenSSH client through the
 * gateway, under a real policy, to the in-process MINA target, which serves the forwards and keeps
 * every destination it was asked for: what a policy allows is relayed over the target session (the
 * target makes the connection), what it does not is refused with its reason before the target hears
 * of it, and each forward is recorded.
 */
@Timeout(120)
class ForwardingGatewayTest {

  private static final String TOKEN = "forward-token";
  private static final String POLICY =
      """
      {"name":"forwarding","rules":[
        {"id":"no-metadata","action":"block",
         "when":{"forward":{"destinations":["169.254.169.254:*"]}},
         "message":"the metadata service is off limits"},
        {"id":"db-needs-review","action":"review",
         "when":{"forward":{"destinations":["db.internal:5432"]}}},
        {"id":"loopback-tunnels","action":"allow","groups":["ops"],
         "when":{"forward":{"kinds":["local"],"destinations":["127.0.0.1:*","LOCALHOST:*"]}}},
        {"id":"agents","action":"allow","when":{"forward":{"kinds":["agent"]}}},
        {"id":"loopback-listeners","action":"allow",
         "when":{"forward":{"kinds":["remote"],"destinations":["localhost:*"]}}},
        {"id":"no-rm-rf","action":"block","when":{"command":{"patterns":["rm -rf *"]}}}]}
      """;

  /** As {@link #POLICY}, without the rule that allows agent forwarding. */
  private static final String NO_AGENT_POLICY =
      POLICY
          .replace(
              "{\"id\":\"agents\",\"action\":\"allow\",\"when\":{\"forward\":{\"kinds\":[\"agent\"]}}},",
              "")
          .replace("\"name\":\"forwarding\"", "\"name\":\"no-agent\"");

  @TempDir static Path work;
  private static InProcessTarget target;
  private static RecordingGateway gateway;
  private static OpenSshClient client;
  private static ServerSocket echo;
  private static volatile SshdTestTarget sshd;

  @BeforeAll
  static void start() throws Exception {
    target = new InProcessTarget(work);
    echo = echoServer(new AtomicInteger());
    TargetSpec inProcess = RecordingGateway.inProcess(target);
    gateway =
        new RecordingGateway(
            work,
            TOKEN,
            "dave",
            Set.of("ops"),
            request -> request.connection().equals("sshd-no-agent") ? "no-agent" : "forwarding",
            request -> request.connection().equals("sshd-no-agent") ? NO_AGENT_POLICY : POLICY,
            request -> request.connection().startsWith("sshd") ? sshdTarget(sshd) : inProcess);
    client = new OpenSshClient(work, gateway.port(), TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (target != null) {
      target.close();
    }
    if (echo != null) {
      echo.close();
    }
    if (sshd != null) {
      sshd.close();
    }
  }

  /** A real sshd that allows forwarding, local ones to the echo server only (started once). */
  private static synchronized void realSshd() throws Exception {
    if (sshd == null) {
      sshd = SshdTestTarget.startPermittingOpen("127.0.0.1:" + port());
    }
  }

  private static TargetSpec sshdTarget(SshdTestTarget real) {
    try {
      return new TargetSpec(
          "127.0.0.1",
          real.port(),
          null,
          null,
          "disable",
          null,
          Files.readString(real.directory().resolve("ssh_host_ecdsa_key.pub")),
          SshdTestTarget.USER,
          Files.readString(real.directory().resolve("client_key")),
          "privateKey",
          1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anAllowedStdioForwardIsMadeByTheTargetAndRecorded() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 3_000_000; i++) {
      text.append("line ").append(i).append(" through the target\n");
    }
    Path input = Files.writeString(work.resolve("forward-input.txt"), text);
    String destination = "127.0.0.1:" + echo.getLocalPort();

    OpenSshClient.Run run = client.ssh("mina", List.of("-W", destination), input);

    assertEquals(0, run.exit(), () -> run.exit() + " " + run.err());
    assertTrue(run.out().equals(text.toString()), "the echo came back intact");
    assertTrue(target.connects().contains(destination), "the target connected: " + target);
    List<RecordedEvent> events = events(lastSession());
    RecordedEvent forward = only(events, "forward");
    assertEquals("allow", forward.decision(), forward.toString());
    assertEquals("loopback-tunnels", forward.ruleId(), forward.toString());
    assertTrue(
        forward
            .payloadJson()
            .contains("\"kind\":\"local\",\"host\":\"127.0.0.1\",\"port\":" + echo.getLocalPort()),
        forward.toString());
    RecordedEvent end = only(events, "forward-end");
    int bytes = text.toString().getBytes(StandardCharsets.UTF_8).length;
    assertTrue(
        end.payloadJson().contains("\"bytesFromClient\":" + bytes + ",\"bytesToClient\":" + bytes),
        end.toString());
  }

  @Test
  void overARealSshdTheTargetMakesTheConnectionsUnderItsOwnRules() throws Exception {
    realSshd();
    try (ServerSocket other = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Path input = Files.writeString(work.resolve("sshd-input.txt"), "through OpenSSH\n");

      OpenSshClient.Run run = client.ssh("sshd", List.of("-W", "127.0.0.1:" + port()), input);

      assertEquals(0, run.exit(), run::toString);
      assertEquals("through OpenSSH\n", run.out(), run::toString);
      assertEquals("allow", only(events(lastSession()), "forward").decision());

      // The policy allows any loopback port; the target's sshd permits only the echo server's.
      String refused = "127.0.0.1:" + other.getLocalPort();
      OpenSshClient.Run denied = client.ssh("sshd", List.of("-W", refused), null);

      assertEquals(255, denied.exit(), denied::toString);
      assertTrue(
          denied.err().contains("gatehouse: the target did not open a connection to " + refused),
          denied::toString);
      String log = sshd.log();
      assertTrue(
          log.contains("port " + other.getLocalPort() + ", but the request was denied"), log);
      assertTrue(
          only(events(lastSession()), "forward-end").payloadJson().contains("\"error\":"),
          denied::toString);
    }

    // A remote forward: sshd listens on the target, its connections come back to the client.
    int listen = FreePorts.next();
    try (Forwarding ssh = forwarding("sshd", "-R", listen + ":127.0.0.1:" + port());
        Socket socket = connectWithin(listen, 20_000)) {
      assertEquals("via sshd's listener", roundTrip(socket, "via sshd's listener"));
    }
    List<RecordedEvent> events = events(lastSession());
    assertEquals(
        2, events.stream().filter(e -> e.type().equals("forward")).count(), events::toString);
    // The gateway session is over: the target session, and its listener, are gone.
    awaitNotListening(listen);
  }

  /** Waits (at most 10 s) until nothing accepts connections on {@code port} here. */
  private static void awaitNotListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    boolean listening = true;
    while (listening && System.nanoTime() < deadline) {
      try (Socket late = new Socket(InetAddress.getLoopbackAddress(), port)) {
        Thread.sleep(50);
      } catch (IOException gone) {
        listening = false;
      }
    }
    assertFalse(listening, "the target stopped listening on " + port);
  }

  @Test
  void answersToGlobalRequestsKeepTheirOrderWhileTheTargetIsSlowToListen() throws Exception {
    // OpenSSH matches each answer to its oldest request waiting. Here the first listen waits 2.5 s
    // for the target; meanwhile the second is refused by the policy and keepalives (every second)
    // come in. Answered as they were decided, the refusal would be taken for the first forward's
    // and a keepalive's empty success for the port the target chose.
    target.delayListens(Duration.ofMillis(2_500));
    Path err = Files.createTempFile(work, "ordered", ".err");
    int refused = FreePorts.next();
    Process ssh =
        client.startSsh(
            "mina",
            List.of(
                "-N",
                "-o",
                "ServerAliveInterval=1",
                "-R",
                "0:127.0.0.1:" + port(),
                "-R",
                "127.0.0.2:" + refused + ":127.0.0.1:" + port()),
            err);
    try {
      Pattern allocated = Pattern.compile("Allocated port (\\d+) for remote forward");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      Matcher m = allocated.matcher(Files.readString(err));
      String failed = "remote port forwarding failed for listen port " + refused;
      while (!(m.find() && Files.readString(err).contains(failed))) {
        assertTrue(ssh.isAlive(), () -> "the client left: " + read(err));
        assertTrue(System.nanoTime() < deadline, () -> "no answers yet: " + read(err));
        Thread.sleep(100);
        m = allocated.matcher(Files.readString(err));
      }
      int port = Integer.parseInt(m.group(1));
      try (Socket socket = connectWithin(port, 20_000)) {
        assertEquals("in turn", roundTrip(socket, "in turn"));
      }
      assertFalse(read(err).contains("listen port 0"), () -> read(err));
      Thread.sleep(1_500); // more keepalives, answered at once now that nothing waits
      assertTrue(ssh.isAlive(), () -> "the client left: " + read(err));
    } finally {
      target.delayListens(Duration.ZERO);
      ssh.destroy();
      ssh.waitFor(10, TimeUnit.SECONDS);
    }
    List<RecordedEvent> forwards =
        events(lastSession()).stream().filter(e -> e.type().equals("forward")).toList();
    assertEquals("allow", forwards.get(0).decision(), forwards::toString);
    assertEquals("block", forwards.get(1).decision(), forwards::toString);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void listenersAreCappedAndTheirRequestsTakeTurnsAndCancelsMustNameTheListener() throws Exception {
    int before = target.listens().size();
    List<Integer> bound = new ArrayList<>();
    try (MinaUser user = new MinaUser();
        ClientSession session = user.login(gateway.port(), "mina", TOKEN)) {
      for (int i = 0; i < 12; i++) {
        Buffer reply = globalRequest(session, "tcpip-forward", "localhost", 0);
        if (reply != null) {
          bound.add((int) reply.getUInt());
        }
      }
      assertEquals(10, bound.size(), bound::toString);
      assertEquals(10, target.listens().size() - before, target.listens()::toString);

      // A flood of requests without replies: carried out one at a time, the rest refused.
      int threads = relayThreads();
      for (int i = 0; i < 300; i++) {
        sendListenRequest(session, false);
      }
      int peak = 0;
      for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); System.nanoTime() < end; ) {
        peak = Math.max(peak, relayThreads());
        Thread.sleep(10);
      }
      assertTrue(peak - threads <= 3, "relay threads " + threads + " -> " + peak);
      // Answered in turn after the flood: the session still works.
      assertEquals(null, globalRequest(session, "tcpip-forward", "localhost", 0));
      assertEquals(10, target.listens().size() - before, target.listens()::toString);

      // A cancel names the listener as it was asked for (another address is another listener).
      int first = bound.get(0);
      assertEquals(null, globalRequest(session, "cancel-tcpip-forward", "127.0.0.1", first));
      try (Socket stillThere = connectWithin(first, 5_000)) {
        assertTrue(stillThere.isConnected());
      }
      assertTrue(globalRequest(session, "cancel-tcpip-forward", "localhost", first) != null);
      awaitNotListening(first);
    }
    List<RecordedEvent> events = events(lastSession());
    List<String> types = events.stream().map(RecordedEvent::type).toList();
    // The listeners' ends (the probe's connection, which this client does not take, has its own).
    List<RecordedEvent> ends =
        events.stream()
            .filter(e -> e.type().equals("forward-end") && e.payloadJson().contains("\"ended\":"))
            .toList();
    assertEquals(10, ends.size(), ends::toString);
    assertTrue(
        ends.stream()
            .anyMatch(
                e ->
                    e.payloadJson()
                        .contains("\"port\":" + bound.get(0) + ",\"ended\":\"cancelled\"")),
        ends::toString);
    for (int port : bound.subList(1, 10)) {
      assertTrue(
          ends.stream()
              .anyMatch(
                  e -> e.payloadJson().contains("\"port\":" + port + ",\"ended\":\"session-end\"")),
          () -> port + ": " + ends);
    }
    assertTrue(types.lastIndexOf("forward-end") < types.indexOf("session-end"), types::toString);
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    "block".equals(e.decision())
                        && e.payloadJson().contains("at most 10 remote forwards per connection")),
        types::toString);
  }

  @Test
  void connectionsOnAListenerDoNotWaitForAnotherListenInFlight() throws Exception {
    int first = FreePorts.next();
    int slow = FreePorts.next();
    target.delayListen(slow, Duration.ofSeconds(8)); // far longer than a relayed round trip
    try (Forwarding ssh =
        forwarding(
            "mina",
            List.of("-R", first + ":127.0.0.1:" + port(), "-R", slow + ":127.0.0.1:" + port()))) {
      long start = System.nanoTime();
      try (Socket socket = connectWithin(first, 20_000)) {
        assertEquals("not held up", roundTrip(socket, "not held up"));
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(millis < 5_000, "the first listener's connection took " + millis + " ms");
      try (Socket later = connectWithin(slow, 20_000)) {
        assertEquals("the slow one too", roundTrip(later, "the slow one too"));
      }
    } finally {
      target.delayListens(Duration.ZERO);
    }
  }

  @Test
  void aListenStillWaitingForTheTargetWhenTheClientLeavesEndsBeforeTheSession() throws Exception {
    target.delayListens(Duration.ofSeconds(2));
    try (MinaUser user = new MinaUser();
        ClientSession session = user.login(gateway.port(), "mina", TOKEN)) {
      int asked = target.delayedListens();
      sendListenRequest(session, true);
      // Decided, recorded and asked of the target, which has not answered.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (target.delayedListens() == asked) {
        assertTrue(System.nanoTime() < deadline, "the target was never asked");
        Thread.sleep(10);
      }
    } finally {
      target.delayListens(Duration.ZERO);
    }
    List<RecordedEvent> events = events(lastSession());
    List<String> types = events.stream().map(RecordedEvent::type).toList();
    assertEquals(List.of("session-start", "forward", "forward-end", "session-end"), types);
    assertTrue(
        events.get(2).payloadJson().contains("\"port\":0,\"ended\":\"session-end\""),
        events::toString);
    Thread.sleep(2_500); // the target answers, or the gateway hears its session closed
    assertEquals(types, events(lastSession()).stream().map(RecordedEvent::type).toList());
  }

  @Test
  void aClientFloodingGlobalRequestsWhileOneWaitsIsDisconnected() throws Exception {
    target.delayListens(Duration.ofSeconds(3));
    try (MinaUser user = new MinaUser();
        ClientSession session = user.login(gateway.port(), "mina", TOKEN)) {
      sendListenRequest(session, true);
      // Each keepalive's answer must wait for the listen's: the queue of answers is bounded.
      for (int i = 0; i < 1_100 && session.isOpen(); i++) {
        Buffer keepalive = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, 32);
        keepalive.putString("keepalive@openssh.com");
        keepalive.putBoolean(true);
        session.writePacket(keepalive);
      }
      session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), Duration.ofSeconds(10));
      assertFalse(session.isOpen(), "the gateway ended the session");
    } finally {
      target.delayListens(Duration.ZERO);
    }
  }

  /** Sends {@code tcpip-forward} for {@code localhost:0} without waiting for its answer. */
  private static void sendListenRequest(ClientSession session, boolean wantReply)
      throws IOException {
    Buffer request = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, 64);
    request.putString("tcpip-forward");
    request.putBoolean(wantReply);
    request.putString("localhost");
    request.putUInt(0);
    session.writePacket(request);
  }

  /** Sends a global request with want-reply; its reply's data, or null when it failed. */
  private static Buffer globalRequest(ClientSession session, String name, String host, int port)
      throws IOException {
    Buffer request = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, 64);
    request.putString(name);
    request.putBoolean(true);
    request.putString(host);
    request.putUInt(port);
    return session.request(name, request, Duration.ofSeconds(20));
  }

  private static int relayThreads() {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("gatehouse-ssh-relay") && t.isAlive()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aRemoteForwardListensOnTheTargetAndItsConnectionsReachTheClient() throws Exception {
    int listen = FreePorts.next();
    // The in-process target listens on this machine: a connection to it is one the target
    // accepted, carried to the client, which connects to the echo server.
    List<RecordedEvent> events;
    try (Forwarding ssh = forwarding("mina", "-R", listen + ":127.0.0.1:" + port());
        Socket a = connectWithin(listen, 20_000);
        Socket b = connectWithin(listen, 20_000)) {
      assertEquals("from the target side", roundTrip(a, "from the target side"));
      assertEquals("another", roundTrip(b, "another"));
      // The client leaves while both connections are open: the session's end cuts them, and
      // records their ends before its own.
      ssh.close();
      events = events(lastSession());
    }
    assertTrue(target.listens().contains("localhost:" + listen), target.listens()::toString);
    List<String> types = events.stream().map(RecordedEvent::type).toList();
    // The listener's end, with the port, and each connection's, with its bytes.
    assertEquals(3, types.stream().filter("forward-end"::equals).count(), types::toString);
    assertTrue(
        types.lastIndexOf("forward-end") < types.indexOf("session-end"),
        () -> "the forwards end before the session: " + types);
    List<String> ends =
        events.stream()
            .filter(e -> e.type().equals("forward-end"))
            .map(RecordedEvent::payloadJson)
            .toList();
    assertEquals(
        1,
        ends.stream()
            .filter(e -> e.contains("\"port\":" + listen + ",\"ended\":\"session-end\""))
            .count(),
        ends::toString);
    assertEquals(
        2, ends.stream().filter(e -> e.contains("\"bytesToClient\":")).count(), ends::toString);
    List<RecordedEvent> forwards = events.stream().filter(e -> e.type().equals("forward")).toList();
    assertEquals(3, forwards.size(), events::toString);
    assertTrue(
        forwards.get(0).payloadJson().contains("\"kind\":\"remote\",\"host\":\"localhost\""),
        forwards::toString);
    assertTrue(forwards.get(0).payloadJson().contains("\"listen\":true"), forwards::toString);
    for (RecordedEvent forward : forwards) {
      assertEquals("allow", forward.decision(), forward.toString());
      assertEquals("loopback-listeners", forward.ruleId(), forward.toString());
    }
    assertTrue(forwards.get(1).payloadJson().contains("\"originator\":"), forwards::toString);
  }

  @Test
  void aListenerTheTargetCannotOpenFailsAndIsRecorded() throws Exception {
    realSshd();
    // Taken on every address, so that sshd can bind neither 127.0.0.1 nor ::1 for "localhost".
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      OpenSshClient.Run run =
          client.ssh(
              "sshd",
              List.of("-N", "-o", "ExitOnForwardFailure=yes", "-R", port + ":127.0.0.1:1"),
              null);

      assertEquals(255, run.exit(), run::toString);
      assertTrue(
          run.err().contains("remote port forwarding failed for listen port " + port),
          run::toString);
      List<RecordedEvent> events = events(lastSession());
      assertEquals("allow", only(events, "forward").decision(), events::toString);
      assertTrue(
          only(events, "forward-end").payloadJson().contains("the target did not listen"),
          events::toString);
    }
  }

  @Test
  void aRemoteForwardNoRuleAllowsIsRefusedBeforeTheTargetListens() throws Exception {
    int listen = FreePorts.next();
    OpenSshClient.Run run =
        client.ssh(
            "mina",
            List.of("-N", "-o", "ExitOnForwardFailure=yes", "-R", "0.0.0.0:" + listen + ":x:1"),
            null);

    assertEquals(255, run.exit(), run::toString);
    assertTrue(
        run.err().contains("remote port forwarding failed for listen port " + listen),
        run::toString);
    assertFalse(target.listens().contains("0.0.0.0:" + listen), target.listens()::toString);
    RecordedEvent forward = only(events(lastSession()), "forward");
    assertEquals("block", forward.decision(), forward.toString());
    assertTrue(
        forward.payloadJson().contains("remote port forwarding from 0.0.0.0:" + listen),
        forward.toString());
  }

  @Test
  void agentForwardingIsDecidedAndRecordedOncePerSession() throws Exception {
    realSshd();
    try (MinaUser user = new MinaUser();
        ClientSession session = user.login(gateway.port(), "sshd", TOKEN)) {
      for (int i = 0; i < 3; i++) {
        try (ChannelExec exec = session.createExecChannel("echo " + i)) {
          exec.setAgentForwarding(true); // auth-agent-req@openssh.com on each channel
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          exec.setOut(out);
          exec.open().verify(MinaUser.TIMEOUT);
          exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(30));
          assertEquals(i + "\n", out.toString(StandardCharsets.UTF_8));
        }
      }
    }
    List<RecordedEvent> requests =
        events(lastSession()).stream()
            .filter(e -> e.type().equals("forward") && e.payloadJson().contains("\"request\":true"))
            .toList();
    assertEquals(1, requests.size(), requests::toString);
    assertEquals("allow", requests.get(0).decision());
  }

  @Test
  void theClientsAgentAnswersOnTheTargetOnlyWhenThePolicyAllowsIt() throws Exception {
    assertTrue(NO_AGENT_POLICY.length() < POLICY.length(), "the agent rule was taken out");
    realSshd();
    Path key = work.resolve("agent_key");
    Process keygen =
        new ProcessBuilder(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "agent-of-dave",
                "-f",
                "" + key)
            .redirectErrorStream(true)
            .start();
    assertEquals(0, keygen.waitFor(), new String(keygen.getInputStream().readAllBytes()));
    Path socket = work.resolve("agent.sock");
    Process agent =
        new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("agent.log").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.exists(socket) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true);
      add.environment().put("SSH_AUTH_SOCK", socket.toString());
      Process added = add.start();
      assertEquals(0, added.waitFor(), new String(added.getInputStream().readAllBytes()));
      Map<String, String> env = Map.of("SSH_AUTH_SOCK", socket.toString());

      // On the target, ssh-add asks the agent it finds there: the client's, through the gateway.
      OpenSshClient.Run listed = client.sshWithEnv("sshd", List.of("-A"), env, "ssh-add -l");

      assertEquals(0, listed.exit(), listed::toString);
      assertTrue(listed.out().contains("agent-of-dave (ED25519)"), listed::toString);
      List<RecordedEvent> events = events(lastSession());
      List<RecordedEvent> forwards =
          events.stream().filter(e -> e.type().equals("forward")).toList();
      assertTrue(forwards.size() >= 2, events::toString);
      assertTrue(
          forwards.get(0).payloadJson().contains("\"kind\":\"agent\",\"request\":true"),
          forwards::toString);
      for (RecordedEvent forward : forwards) {
        assertEquals("allow", forward.decision(), forward.toString());
        assertEquals("agents", forward.ruleId(), forward.toString());
      }
      List<String> types = events.stream().map(RecordedEvent::type).toList();
      assertTrue(types.contains("forward-end"), types::toString);
      assertTrue(
          types.lastIndexOf("forward-end") < types.indexOf("session-end"),
          () -> "the agent's connections end before the session: " + types);

      OpenSshClient.Run refused =
          client.sshWithEnv("sshd-no-agent", List.of("-A"), env, "ssh-add -l");

      assertEquals(2, refused.exit(), refused::toString);
      assertTrue(
          refused.err().contains("Could not open a connection to your authentication agent"),
          refused::toString);
      RecordedEvent refusal = only(events(lastSession()), "forward");
      assertEquals("block", refusal.decision(), refusal.toString());
      assertTrue(
          refusal.payloadJson().contains("agent forwarding is not allowed: no rule"),
          refusal.toString());
    } finally {
      agent.destroy();
      agent.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aLocalForwardCarriesSeveralConnectionsAtOnce() throws Exception {
    int local = FreePorts.next();
    try (Forwarding ssh = forwarding("mina", "-L", local + ":localhost:" + port());
        Socket a = connectWithin(local, 20_000);
        Socket b = connectWithin(local, 20_000)) {
      assertEquals("first", roundTrip(a, "first"));
      assertEquals("second", roundTrip(b, "second"));
      assertEquals("first again", roundTrip(a, "first again"));
    }
    List<RecordedEvent> events = events(lastSession());
    assertEquals(
        2, events.stream().filter(e -> e.type().equals("forward")).count(), events.toString());
    assertTrue(target.connects().contains("localhost:" + port()), target.connects().toString());
  }

  @Test
  void aForwardNoRuleAllowsIsRefusedBeforeTheTargetHearsOfIt() throws Exception {
    OpenSshClient.Run run = client.ssh("mina", List.of("-W", "10.20.30.40:22"), null);

    assertEquals(255, run.exit(), run::toString);
    assertTrue(run.err().contains("open failed: administratively prohibited"), run::toString);
    assertTrue(
        run.err()
            .contains(
                "gatehouse: local port forwarding to 10.20.30.40:22 is not allowed: no rule of"
                    + " this connection's policy allows it"),
        run::toString);
    assertFalse(target.connects().contains("10.20.30.40:22"), target.connects().toString());
    RecordedEvent forward = only(events(lastSession()), "forward");
    assertEquals("block", forward.decision(), forward.toString());
    assertTrue(forward.payloadJson().contains("\"message\":"), forward.toString());
  }

  @Test
  void blockAndReviewRulesRefuseWithTheirReason() throws Exception {
    OpenSshClient.Run blocked = client.ssh("mina", List.of("-W", "169.254.169.254:80"), null);
    assertEquals(255, blocked.exit(), blocked::toString);
    assertTrue(
        blocked.err().contains("rule no-metadata: the metadata service is off limits"),
        blocked::toString);
    assertEquals("no-metadata", only(events(lastSession()), "forward").ruleId());

    OpenSshClient.Run review = client.ssh("mina", List.of("-W", "DB.internal:5432"), null);
    assertEquals(255, review.exit(), review::toString);
    assertTrue(
        review.err().contains("rule db-needs-review sends local port forwarding to"),
        review::toString);
    assertTrue(review.err().contains("cannot wait for a reviewer"), review::toString);
    RecordedEvent forward = only(events(lastSession()), "forward");
    assertEquals("review", forward.decision(), forward.toString());
    assertFalse(target.connects().stream().anyMatch(d -> d.contains("5432")), target.toString());
  }

  @Test
  void otherSpellingsOfAnAddressAreRefusedNotMatched() throws Exception {
    for (String alias : List.of("0xa9.0xfe.0xa9.0xfe", "2852039166", "127.1", "localhost.")) {
      OpenSshClient.Run run = client.ssh("mina", List.of("-W", alias + ":80"), null);

      assertEquals(255, run.exit(), run::toString);
      assertTrue(run.err().contains("administratively prohibited: gatehouse: '"), run::toString);
      assertTrue(
          run.err().contains("spelling of an address") || run.err().contains("is not a host name"),
          run::toString);
    }
    assertFalse(
        target.connects().stream().anyMatch(d -> d.endsWith(":80")), target.connects()::toString);
  }

  @Test
  void whatTheTargetRefusesReachesTheClientWithTheTargetsReason() throws Exception {
    try (ServerSocket refused = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      target.refuseConnectsTo(refused.getLocalPort());
      String destination = "127.0.0.1:" + refused.getLocalPort();

      OpenSshClient.Run run = client.ssh("mina", List.of("-W", destination), null);

      assertEquals(255, run.exit(), run::toString);
      assertTrue(
          run.err().contains("gatehouse: the target did not open a connection to " + destination),
          run::toString);
      List<RecordedEvent> events = events(lastSession());
      assertEquals("allow", only(events, "forward").decision());
      assertTrue(
          only(events, "forward-end").payloadJson().contains("\"error\":"), events::toString);
    }
  }

  @Test
  void aFloodOfForwardsIsCappedAndClosedForwardsCloseOnTheTarget() throws Exception {
    AtomicInteger echoing = new AtomicInteger(); // this test's own echo server's connections
    try (ServerSocket own = echoServer(echoing);
        MinaUser user = new MinaUser();
        ClientSession session = user.login(gateway.port(), "mina", TOKEN)) {
      SshdSocketAddress here = new SshdSocketAddress("127.0.0.1", 40000);
      SshdSocketAddress to = new SshdSocketAddress("127.0.0.1", own.getLocalPort());
      List<ChannelDirectTcpip> open = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ChannelDirectTcpip channel = session.createDirectTcpipChannel(here, to);
        channel.open().verify(MinaUser.TIMEOUT);
        open.add(channel);
      }
      ChannelDirectTcpip extra = session.createDirectTcpipChannel(here, to);
      Exception refused =
          assertThrows(Exception.class, () -> extra.open().verify(MinaUser.TIMEOUT));
      assertTrue(
          String.valueOf(refused.getMessage()).contains("at most 10 forwarded connections")
              || String.valueOf(refused.getCause()).contains("at most 10 forwarded connections"),
          refused::toString);
      awaitEchoing(echoing, 10, "one connection from the target per forward");

      open.remove(0).close(false).await(MinaUser.TIMEOUT);
      // The gateway counts the closed forward out once its close completes, just after the
      // client hears of it: a new one may be refused for a moment.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (true) {
        ChannelDirectTcpip again = session.createDirectTcpipChannel(here, to);
        try {
          again.open().verify(MinaUser.TIMEOUT);
          open.add(again);
          break;
        } catch (IOException e) {
          assertTrue(System.nanoTime() < until, () -> "no room after a close: " + e);
          Thread.sleep(20);
        }
      }
      for (ChannelDirectTcpip channel : open.subList(0, 5)) {
        channel.close(false).await(MinaUser.TIMEOUT);
      }
      awaitEchoing(echoing, 5, "closed forwards closed the target's connections");
      session.close(true);
      // The client went away with five forwards open: their target ends are closed too.
      awaitEchoing(echoing, 0, "a client that left took its forwards with it");
    }
  }

  private static void awaitEchoing(AtomicInteger echoing, int expected, String message)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (echoing.get() != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(expected, echoing.get(), message);
  }

  @Test
  void commandsStillFollowTheirOwnRules() throws Exception {
    OpenSshClient.Run run = client.ssh("mina", "rm -rf /srv");
    assertEquals(126, run.exit(), run::toString);
    OpenSshClient.Run echoed = client.ssh("mina", "echo still-here");
    assertEquals("still-here\n", echoed.out(), echoed::toString);
  }

  private static int port() {
    return echo.getLocalPort();
  }

  /** A running {@code ssh -N} holding one forward; closing it ends the client. */
  private interface Forwarding extends AutoCloseable {
    @Override
    void close() throws InterruptedException;
  }

  /** Starts {@code ssh -N -o ExitOnForwardFailure=yes <flag> <spec>} to {@code connection}. */
  private static Forwarding forwarding(String connection, String flag, String spec)
      throws IOException {
    return forwarding(connection, List.of(flag, spec));
  }

  /** Starts {@code ssh -N -o ExitOnForwardFailure=yes <forwards…>} to {@code connection}. */
  private static Forwarding forwarding(String connection, List<String> forwards)
      throws IOException {
    List<String> options = new ArrayList<>(List.of("-N", "-o", "ExitOnForwardFailure=yes"));
    options.addAll(forwards);
    Process ssh =
        client.startSsh(connection, options, Files.createTempFile(work, "forward", ".err"));
    return () -> {
      ssh.destroy();
      ssh.waitFor(10, TimeUnit.SECONDS);
    };
  }

  private static String roundTrip(Socket socket, String line) throws IOException {
    socket.setSoTimeout(15_000);
    OutputStream out = socket.getOutputStream();
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder got = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("closed after [" + got + "]");
      }
      got.append((char) b);
    }
    return got.toString();
  }

  /** Echoes each connection's bytes back until it closes; {@code open} counts open ones. */
  private static ServerSocket echoServer(AtomicInteger open) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  open.incrementAndGet();
                  Thread copier =
                      new Thread(
                          () -> {
                            try (socket) {
                              socket.getInputStream().transferTo(socket.getOutputStream());
                            } catch (IOException e) {
                              // the client went away
                            } finally {
                              open.decrementAndGet();
                            }
                          });
                  copier.setDaemon(true);
                  copier.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "echo-server");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  private static Socket connectWithin(int port, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    while (true) {
      try {
        return new Socket(InetAddress.getLoopbackAddress(), port);
      } catch (IOException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static RecordedEvent only(List<RecordedEvent> events, String type) {
    List<RecordedEvent> of = events.stream().filter(e -> e.type().equals(type)).toList();
    assertEquals(1, of.size(), () -> type + " events: " + events);
    return of.get(0);
  }

  private static String lastSession() {
    return gateway.lastSession();
  }

  private static List<RecordedEvent> events(String sessionId) throws Exception {
    return gateway.events(sessionId);
  }
}
