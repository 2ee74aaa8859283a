package io.gatehouse.ssh.testing;

import io.gatehouse.ssh.relay.HostKeyPin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A MINA SSHD target with a few built-in commands: {@code echo …}, {@code exit N}, {@code cat},
 * {@code bigout N} (N bytes), {@code env}, {@code wait} (until a signal), and a shell that reports
 * its pty and one window change. The signals its commands receive are kept ({@link #signals}).
 */
public final class InProcessTarget implements AutoCloseable {

  public static final String USER = "svc";
  public static final String PASSWORD = "target-secret";

  private static final java.util.Queue<String> SIGNALS =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final SshServer server;
  private final java.util.Queue<String> connects =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.Queue<String> listens =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile long listenDelayMillis;
  private volatile int listenDelayPort;
  private final java.util.concurrent.atomic.AtomicInteger delayedListens =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.Set<Integer> refusedPorts =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public InProcessTarget(Path dir) throws IOException {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("target_host_key")));
    server.setPasswordAuthenticator((u, p, s) -> USER.equals(u) && PASSWORD.equals(p));
    server.setCommandFactory((channel, line) -> new Scripted((env, io) -> exec(line, env, io)));
    server.setShellFactory(channel -> new Scripted(InProcessTarget::shell));
    // Local forwards (direct-tcpip) are served, as OpenSSH's AllowTcpForwarding does, except to
    // the ports refuseConnectsTo names, and remote forwards' listeners opened; every destination
    // and listener asked for is kept (connects(), listens()).
    server.setForwardingFilter(
        new org.apache.sshd.server.forward.RejectAllForwardingFilter() {
          @Override
          public boolean canConnect(
              Type type,
              org.apache.sshd.common.util.net.SshdSocketAddress address,
              org.apache.sshd.common.session.Session session) {
            connects.add(address.getHostName() + ":" + address.getPort());
            return !refusedPorts.contains(address.getPort());
          }

          @Override
          public boolean canListen(
              org.apache.sshd.common.util.net.SshdSocketAddress address,
              org.apache.sshd.common.session.Session session) {
            listens.add(address.getHostName() + ":" + address.getPort());
            return true;
          }
        });
    // A slow target (delayListen): the listen request is answered later, off the session's
    // thread, as a target busy elsewhere would, while the session carries on.
    java.util.List<
            org.apache.sshd.common.channel.RequestHandler<
                org.apache.sshd.common.session.ConnectionService>>
        global = new java.util.ArrayList<>();
    global.add(
        (service, request, wantReply, buffer) -> {
          if (!"tcpip-forward".equals(request) || listenDelayMillis == 0) {
            return org.apache.sshd.common.channel.RequestHandler.Result.Unsupported;
          }
          int rpos = buffer.rpos();
          org.apache.sshd.common.util.net.SshdSocketAddress asked =
              new org.apache.sshd.common.util.net.SshdSocketAddress(
                  buffer.getString(), buffer.getInt());
          buffer.rpos(rpos);
          if (listenDelayPort != 0 && listenDelayPort != asked.getPort()) {
            return org.apache.sshd.common.channel.RequestHandler.Result.Unsupported;
          }
          long delay = listenDelayMillis;
          delayedListens.incrementAndGet();
          Thread answer =
              new Thread(
                  () -> {
                    org.apache.sshd.common.util.buffer.Buffer reply;
                    try {
                      Thread.sleep(delay);
                      if (!service.getSession().isOpen()) {
                        return; // asked by a session that is gone: nothing to listen for
                      }
                      org.apache.sshd.common.util.net.SshdSocketAddress bound =
                          service.getForwarder().localPortForwardingRequested(asked);
                      reply =
                          service
                              .getSession()
                              .createBuffer(
                                  org.apache.sshd.common.SshConstants.SSH_MSG_REQUEST_SUCCESS, 8);
                      reply.putUInt(bound.getPort());
                    } catch (Exception e) {
                      reply =
                          service
                              .getSession()
                              .createBuffer(
                                  org.apache.sshd.common.SshConstants.SSH_MSG_REQUEST_FAILURE, 8);
                    }
                    try {
                      if (wantReply) {
                        service.getSession().writePacket(reply);
                      }
                    } catch (IOException e) {
                      // the session is gone
                    }
                  });
          answer.setDaemon(true);
          answer.start();
          return org.apache.sshd.common.channel.RequestHandler.Result.Replied;
        });
    global.addAll(server.getGlobalRequestHandlers());
    server.setGlobalRequestHandlers(global);
    server.start();
  }

  public int port() {
    return server.getPort();
  }

  /** Where the gateway finds this target: its port, the test login and password, its host key. */
  public io.gatehouse.ssh.relay.TargetEndpoint endpoint()
      throws IOException, java.security.GeneralSecurityException {
    return new io.gatehouse.ssh.relay.TargetEndpoint(
        "127.0.0.1",
        port(),
        USER,
        io.gatehouse.ssh.relay.TargetCredential.password(PASSWORD),
        pin());
  }

  /** Its host key as an OpenSSH public key line, as a connection's {@code hostKey} holds it. */
  public String hostKeyLine() throws IOException, java.security.GeneralSecurityException {
    return org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
        server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
  }

  public HostKeyPin pin() throws IOException, java.security.GeneralSecurityException {
    return HostKeyPin.of(server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
  }

  /** Channels open on the target's sessions: those the gateway has not closed (or not yet). */
  public int openChannels() {
    int open = 0;
    for (AbstractSession session : server.getActiveSessions()) {
      if (session.isAuthenticated()
          && session.getService(ConnectionService.class) instanceof AbstractConnectionService c) {
        open += c.getChannels().size();
      }
    }
    return open;
  }

  /**
   * How many {@code wait} commands are running, listening for signals (a signal that reaches a
   * command before it listens is lost, as with a process that has not started yet).
   */
  public int waiting() {
    return WAITING.get();
  }

  private static final java.util.concurrent.atomic.AtomicInteger WAITING =
      new java.util.concurrent.atomic.AtomicInteger();

  /** The signals (other than WINCH) that commands of any target received, oldest first. */
  public java.util.List<String> signals() {
    return java.util.List.copyOf(SIGNALS);
  }

  /** The destinations of the local forwards (direct-tcpip channels) asked of this target. */
  public java.util.List<String> connects() {
    return java.util.List.copyOf(connects);
  }

  /** The addresses remote forwards asked this target to listen on. */
  /** Answers each listen request only after {@code delay} (zero: at once). */
  public void delayListens(java.time.Duration delay) {
    delayListen(0, delay);
  }

  /** How many listen requests reached this target while listens were delayed. */
  public int delayedListens() {
    return delayedListens.get();
  }

  /** Answers a listen request for {@code port} (0: any) only after {@code delay}. */
  public void delayListen(int port, java.time.Duration delay) {
    listenDelayPort = port;
    listenDelayMillis = delay.toMillis();
  }

  public java.util.List<String> listens() {
    return java.util.List.copyOf(listens);
  }

  /** From now on, this target refuses local forwards to {@code port}. */
  public void refuseConnectsTo(int port) {
    refusedPorts.add(port);
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  private static int exec(String line, Environment env, Io io) throws Exception {
    String[] words = line.split(" ", 2);
    String arg = words.length > 1 ? words[1] : "";
    CountDownLatch signalled = new CountDownLatch(1);
    env.addSignalListener(
        (channel, signal) -> {
          SIGNALS.add(signal.name());
          signalled.countDown();
        });
    switch (words[0]) {
      case "wait" -> {
        WAITING.incrementAndGet();
        try {
          signalled.await(60, TimeUnit.SECONDS);
        } finally {
          WAITING.decrementAndGet();
        }
        return 143;
      }
      case "echo" -> io.out.write((arg + "\n").getBytes(StandardCharsets.UTF_8));
      case "exit" -> {
        return Integer.parseInt(arg);
      }
      case "cat" -> io.in.transferTo(io.out);
      case "tty" -> {
        return shell(env, io); // reports its pty and one window change, as the shell does
      }
      // "scp -t X": runs X; the gateway relays an exec of "scp -t …" as a file transfer.
      case "scp" -> {
        return exec(arg.startsWith("-t ") ? arg.substring(3) : arg, env, io);
      }
      case "bigout" -> {
        byte[] chunk = new byte[8192];
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = (byte) i;
        }
        for (long left = Long.parseLong(arg); left > 0; left -= chunk.length) {
          io.out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
      }
      case "env" -> io.out.write((env.getEnv() + "\n").getBytes(StandardCharsets.UTF_8));
      default -> {
        io.err.write(("unknown command " + words[0] + "\n").getBytes(StandardCharsets.UTF_8));
        return 127;
      }
    }
    return 0;
  }

  private static int shell(Environment env, Io io) throws Exception {
    Map<String, String> vars = env.getEnv();
    CountDownLatch winch = new CountDownLatch(1);
    env.addSignalListener((channel, signal) -> winch.countDown(), Signal.WINCH);
    String pty =
        "pty "
            + vars.get(Environment.ENV_TERM)
            + " "
            + vars.get(Environment.ENV_COLUMNS)
            + "x"
            + vars.get(Environment.ENV_LINES)
            + "\n";
    io.out.write(pty.getBytes(StandardCharsets.UTF_8));
    io.out.flush();
    if (winch.await(10, TimeUnit.SECONDS)) {
      String size =
          "winch "
              + vars.get(Environment.ENV_COLUMNS)
              + "x"
              + vars.get(Environment.ENV_LINES)
              + "\n";
      io.out.write(size.getBytes(StandardCharsets.UTF_8));
    }
    return 5;
  }

  /** The streams of one target command. */
  record Io(InputStream in, OutputStream out, OutputStream err) {}

  /** A command body run on its own thread. */
  interface Body {
    int run(Environment env, Io io) throws Exception;
  }

  private static final class Scripted implements Command {
    private final Body body;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    Scripted(Body body) {
      this.body = body;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread thread =
          new Thread(
              () -> {
                int status;
                try {
                  status = body.run(env, new Io(in, out, err));
                  out.flush();
                  err.flush();
                } catch (Exception e) {
                  status = 1;
                }
                exit.onExit(status);
              },
              "target-command");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {}

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }
  }
}
