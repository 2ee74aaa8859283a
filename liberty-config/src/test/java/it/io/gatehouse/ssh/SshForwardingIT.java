package it.io.gatehouse.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.gatehouse.support.Gateway;
import it.io.gatehouse.support.SshTarget;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Port forwarding through the deployed gateway (Liberty, the resource adapter's pooled target
 * sessions) with the real OpenSSH client to a real sshd that allows forwarding: a local forward and
 * a remote forward the connection's policy allows are relayed over the target session and recorded;
 * one it does not allow is refused; a remote forward's listener ends with its session, though
 * target sessions are otherwise pooled.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SshForwardingIT {

  private static ServerSocket echo;
  private static SshTarget target;
  private static String userToken;
  private static String auditorToken;

  @BeforeAll
  static void start() throws Exception {
    echo = echoServer();
    String admin = Gateway.devToken("it-fwd-admin", "gatehouse-admin");
    String policy = "it-fwd-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> put =
        Gateway.send(
            Gateway.authorized("/api/v1/policies/" + policy, admin)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"name":"%s","rules":[
                          {"id":"echo-tunnel","action":"allow",
                           "when":{"forward":{"kinds":["local"],
                             "destinations":["127.0.0.1:%d"]}}},
                          {"id":"loopback-listeners","action":"allow",
                           "when":{"forward":{"kinds":["remote"],
                             "destinations":["localhost:*"]}}},
                          {"id":"agents","action":"allow",
                           "when":{"forward":{"kinds":["agent"]}}}]}
                        """
                            .formatted(policy, echo.getLocalPort()))));
    assertTrue(put.statusCode() / 100 == 2, "policy stored: " + put.statusCode() + put.body());
    target =
        SshTarget.start(
            "it-fwd-" + UUID.randomUUID().toString().substring(0, 8),
            "it-fwd-users",
            admin,
            Map.of("GATEHOUSE_SSHD_PERMIT_OPEN", "127.0.0.1:" + echo.getLocalPort()),
            policy);
    userToken = Gateway.devToken("it-fwd-user", "it-fwd-users");
    auditorToken = Gateway.devToken("it-fwd-auditor", "gatehouse-auditor");
  }

  @AfterAll
  static void stop() throws Exception {
    if (target != null) {
      target.close();
    }
    if (echo != null) {
      echo.close();
    }
  }

  @Test
  void aLocalForwardThePolicyAllowsIsRelayedAndOneItDoesNotIsRefused() throws Exception {
    Path input = Files.writeString(target.work().resolve("w-input.txt"), "through the gateway\n");
    Path err = target.work().resolve("w.err");
    Process ssh =
        target.startSsh(userToken, List.of("-W", "127.0.0.1:" + echo.getLocalPort()), input, err);
    assertTrue(ssh.waitFor(60, TimeUnit.SECONDS), "ssh -W finished");
    String out = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, ssh.exitValue(), Files.readString(err));
    assertEquals("through the gateway\n", out, Files.readString(err));

    String id = latestSession();
    JsonArray events = awaitEvents(id, "forward-end");
    JsonValue forward = first(events, "forward");
    assertEquals("allow", forward.asJsonObject().getString("decision"), events.toString());
    assertEquals("echo-tunnel", forward.asJsonObject().getString("ruleId"), events.toString());

    Path refusedErr = target.work().resolve("w-refused.err");
    Process refused = target.startSsh(userToken, List.of("-W", "127.0.0.1:1"), null, refusedErr);
    assertTrue(refused.waitFor(60, TimeUnit.SECONDS), "refused ssh -W finished");
    assertEquals(255, refused.exitValue(), Files.readString(refusedErr));
    // The client's log level (ERROR) hides the reason it was sent; the recording has it.
    JsonValue refusal = first(awaitEvents(latestSession(), "session-end"), "forward");
    assertEquals("block", refusal.asJsonObject().getString("decision"), refusal.toString());
    assertTrue(
        refusal.toString().contains("local port forwarding to 127.0.0.1:1 is not allowed: no rule"),
        refusal.toString());
  }

  @Test
  void aRemoteForwardListensOnTheTargetOnlyWhileItsSessionLasts() throws Exception {
    int listen;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listen = probe.getLocalPort();
    }
    Path err = target.work().resolve("r.err");
    Process ssh =
        target.startSsh(
            userToken,
            List.of(
                "-N",
                "-o",
                "ExitOnForwardFailure=yes",
                "-R",
                listen + ":127.0.0.1:" + echo.getLocalPort()),
            null,
            err);
    try (Socket socket = connectWithin(listen, 30_000)) {
      assertEquals("back through the client", roundTrip(socket, "back through the client"));
    } finally {
      ssh.destroy();
      ssh.waitFor(10, TimeUnit.SECONDS);
    }
    String id = latestSession();
    JsonArray events = awaitEvents(id, "session-end");
    List<String> types = events.stream().map(e -> e.asJsonObject().getString("type")).toList();
    assertEquals(2, types.stream().filter("forward"::equals).count(), events.toString());
    // The connection's end and the listener's (cut by the session's end), before the session's.
    assertEquals(2, types.stream().filter("forward-end"::equals).count(), events.toString());
    assertTrue(types.lastIndexOf("forward-end") < types.indexOf("session-end"), types::toString);
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.asJsonObject()
                        .getString("payload", "")
                        .contains("\"port\":" + listen + ",\"ended\":\"session-end\"")),
        events::toString);
    // The target session that held the listener is closed, not pooled: the port is free again.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    boolean listening = true;
    while (listening && System.nanoTime() < deadline) {
      try (Socket late = new Socket(InetAddress.getLoopbackAddress(), listen)) {
        Thread.sleep(100);
      } catch (IOException e) {
        listening = false;
      }
    }
    assertFalse(listening, "sshd stopped listening on " + listen + " once the session ended");
  }

  @Test
  void theClientsAgentAnswersOnTheTargetThroughTheDeployedGateway() throws Exception {
    Path dir = target.work();
    Path key = dir.resolve("agent_key");
    Process keygen =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "it-agent-key", "-f", "" + key)
            .redirectErrorStream(true)
            .start();
    assertEquals(0, keygen.waitFor(), new String(keygen.getInputStream().readAllBytes()));
    Path socket = dir.resolve("agent.sock");
    Process agent =
        new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent.log").toFile())
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

      Path err = dir.resolve("a.err");
      Process ssh =
          target.startSsh(
              userToken,
              List.of("-A"),
              null,
              err,
              Map.of("SSH_AUTH_SOCK", socket.toString()),
              "ssh-add -l");
      assertTrue(ssh.waitFor(60, TimeUnit.SECONDS), "ssh -A finished");
      String out = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, ssh.exitValue(), Files.readString(err));
      assertTrue(out.contains("it-agent-key (ED25519)"), out + Files.readString(err));
      JsonArray events = awaitEvents(latestSession(), "session-end");
      JsonValue request = first(events, "forward");
      assertEquals("agents", request.asJsonObject().getString("ruleId"), events.toString());
    } finally {
      agent.destroy();
      agent.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String latestSession() {
    HttpResponse<String> list =
        Gateway.get(
            "/api/v1/sessions?connection=" + target.connection + "&identity=it-fwd-user",
            auditorToken);
    assertEquals(200, list.statusCode(), list.body());
    return array(list.body()).get(0).asJsonObject().getString("id");
  }

  private static JsonArray awaitEvents(String id, String type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      HttpResponse<String> response =
          Gateway.get("/api/v1/sessions/" + id + "/events", auditorToken);
      assertEquals(200, response.statusCode(), response.body());
      JsonArray events = array(response.body());
      if (events.stream().anyMatch(e -> type.equals(e.asJsonObject().getString("type")))
          || System.nanoTime() > deadline) {
        return events;
      }
      Thread.sleep(200);
    }
  }

  private static JsonArray array(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readArray();
    }
  }

  private static JsonValue first(JsonArray events, String type) {
    List<JsonValue> of = new ArrayList<>();
    events.stream().filter(e -> type.equals(e.asJsonObject().getString("type"))).forEach(of::add);
    assertFalse(of.isEmpty(), "no " + type + " event in " + events);
    return of.get(0);
  }

  private static String roundTrip(Socket socket, String line) throws IOException {
    socket.setSoTimeout(20_000);
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

  private static ServerSocket echoServer() throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  Thread copier =
                      new Thread(
                          () -> {
                            try (socket) {
                              socket.getInputStream().transferTo(socket.getOutputStream());
                            } catch (IOException e) {
                              // the client went away
                            }
                          });
                  copier.setDaemon(true);
                  copier.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "it-echo-server");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }
}
