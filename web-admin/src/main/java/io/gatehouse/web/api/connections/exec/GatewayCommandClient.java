package io.gatehouse.web.api.connections.exec;

import io.gatehouse.ssh.relay.GatewayNotices;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Runs one command through the gateway's own SSH listener on loopback, as {@code ssh
 * connection@gateway command} would: the SSH user names the connection, the caller's token is the
 * password, so the command meets the same access check, command rules, masking and recording as an
 * interactive client's. The gateway's notices on stderr ({@link GatewayNotices}) tell a refusal, a
 * hold or an unreachable target from the command's own output. A command held for review is not
 * waited for: the channel is closed once the review is named, the review stays open for a reviewer,
 * and the same command can be sent again once approved.
 *
 * <p>The client accepts the listener's host key without checking it: it only ever connects to
 * 127.0.0.1 on the gateway's own port (as the SQL path sends the token to its own PostgreSQL
 * listener in the clear on loopback).
 */
@ApplicationScoped
public class GatewayCommandClient {

  private static final Pattern HELD =
      Pattern.compile(Pattern.quote(GatewayNotices.HELD) + "([0-9a-f-]{36})[^\n]*");
  private static final Pattern SESSION =
      Pattern.compile(Pattern.quote(GatewayNotices.SESSION) + "([0-9a-f-]{36})\r?\n");
  private static final int EXIT_DENIED = 126;
  private static final Duration CONNECT = Duration.ofSeconds(5);
  private static final Duration AUTH = Duration.ofSeconds(15);

  @Inject
  @ConfigProperty(name = "gatehouse.ssh.port", defaultValue = "2222")
  int port;

  /** The most stdout (and, apart, stderr) kept per call; past it the command is ended. */
  @Inject
  @ConfigProperty(name = "gatehouse.exec.max.output.bytes", defaultValue = "1048576")
  int maxOutput;

  /** How long a command may run before it is ended (504). */
  @Inject
  @ConfigProperty(name = "gatehouse.exec.timeout.seconds", defaultValue = "30")
  int timeoutSeconds;

  private volatile SshClient client;

  /**
   * Runs {@code command} on {@code connection} as the token's identity.
   *
   * @throws IOException when the gateway's own SSH listener cannot be reached (a circuit breaker
   *     for the whole listener: it is shared by every connection)
   */
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.75,
      delay = 10_000,
      failOn = IOException.class)
  public ExecOutcome run(String connection, String token, String command) throws IOException {
    AtomicReference<String> disconnected = new AtomicReference<>();
    try (ClientSession session =
        client().connect(connection, "127.0.0.1", port).verify(CONNECT).getSession()) {
      session.addSessionListener(
          new SessionListener() {
            @Override
            public void sessionDisconnect(
                Session s, int reason, String message, String language, boolean initiator) {
              if (!initiator) {
                disconnected.set(message);
              }
            }
          });
      session.addPasswordIdentity(token);
      try {
        session.auth().verify(AUTH);
      } catch (IOException e) {
        String why = disconnected.get();
        return new ExecOutcome.Denied(
            why == null || why.isBlank()
                ? "the gateway did not accept the token for connection \"" + connection + "\""
                : strip(why));
      }
      return exec(session, command);
    }
  }

  private ExecOutcome exec(ClientSession session, String command) throws IOException {
    Bounded out = new Bounded(maxOutput);
    Bounded err = new Bounded(maxOutput);
    try (ChannelExec channel =
        session.createExecChannel(command, null, Map.of(GatewayNotices.SESSION_ID_ENV, "1"))) {
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(AUTH);
      long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
      while (true) {
        var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 100);
        if (events.contains(ClientChannelEvent.CLOSED)) {
          break;
        }
        Matcher held = heldNotice(out, err.text());
        if (held != null) {
          // The review stays pending; this client leaves (as the SQL path does).
          channel.close(true);
          return new ExecOutcome.Held(held.group(1), "pending", held.group());
        }
        if (out.truncated() || err.truncated()) {
          channel.close(true);
          break;
        }
        if (System.nanoTime() > deadline) {
          channel.close(true);
          return new ExecOutcome.TimedOut(
              "the command did not finish within "
                  + timeoutSeconds
                  + " s and was ended (gatehouse.exec.timeout.seconds)");
        }
      }
      return outcome(channel.getExitStatus(), out, err);
    }
  }

  /**
   * The gateway's review notice, only where the gateway writes it: among the leading {@code
   * gatehouse: } lines of stderr, before the target has written anything (a held command has not
   * reached the target). A target printing the same words later is not taken for a hold; one that
   * prints them as its very first output still can be (its stderr is relayed as it is), which
   * misleads only its own caller and bypasses nothing.
   */
  private static Matcher heldNotice(Bounded out, String stderr) {
    if (out.size() > 0) {
      return null;
    }
    int at = 0;
    while (at < stderr.length() && stderr.startsWith("gatehouse: ", at)) {
      Matcher held = HELD.matcher(stderr).region(at, stderr.length());
      if (held.lookingAt()) {
        return held;
      }
      int end = stderr.indexOf('\n', at);
      if (end < 0) {
        return null;
      }
      at = end + 1;
    }
    return null;
  }

  private static ExecOutcome outcome(Integer exit, Bounded out, Bounded err) {
    String stderr = err.text();
    String sessionId = null;
    Matcher session = SESSION.matcher(stderr);
    if (session.lookingAt()) {
      sessionId = session.group(1);
      stderr = stderr.substring(session.end());
    }
    boolean truncated = out.truncated() || err.truncated();
    if (exit != null && exit == EXIT_DENIED && stderr.startsWith(GatewayNotices.DENIED)) {
      return new ExecOutcome.Denied(firstLine(stderr.substring(GatewayNotices.DENIED.length())));
    }
    if (stderr.startsWith(GatewayNotices.TARGET_UNAVAILABLE) && out.size() == 0) {
      return new ExecOutcome.TargetDown(
          firstLine(stderr.substring(GatewayNotices.TARGET_UNAVAILABLE.length())));
    }
    if (exit == null && !truncated && sessionId == null && stderr.startsWith("gatehouse: ")) {
      // Refused before the channel was watched (no session plan, the recording failed).
      return new ExecOutcome.Denied(firstLine(strip(stderr)));
    }
    return new ExecOutcome.CommandRan(
        out.text(), stderr, truncated ? null : exit, sessionId, truncated);
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }

  private static String strip(String message) {
    return message.startsWith("gatehouse: ") ? message.substring("gatehouse: ".length()) : message;
  }

  private SshClient client() {
    SshClient current = client;
    if (current == null) {
      synchronized (this) {
        current = client;
        if (current == null) {
          current = SshClient.setUpDefaultClient();
          current.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
          current.start();
          client = current;
        }
      }
    }
    return current;
  }

  @PreDestroy
  void stop() {
    SshClient current = client;
    if (current != null) {
      current.stop();
    }
  }

  /** Keeps the first {@code limit} bytes written; notes that more came. */
  static final class Bounded extends OutputStream {
    private final int limit;
    private byte[] bytes = new byte[256];
    private int size;
    private volatile boolean truncated;

    Bounded(int limit) {
      this.limit = limit;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int keep = Math.min(len, limit - size);
      if (keep < len) {
        truncated = true;
      }
      if (keep <= 0) {
        return;
      }
      if (size + keep > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(bytes.length * 2, size + keep)));
      }
      System.arraycopy(b, off, bytes, size, keep);
      size += keep;
    }

    synchronized int size() {
      return size;
    }

    synchronized String text() {
      return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    boolean truncated() {
      return truncated;
    }
  }
}
