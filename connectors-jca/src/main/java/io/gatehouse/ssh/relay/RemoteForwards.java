package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.GlobalRequests;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.session.ServerSession;

/**
 * Remote forwards ({@code ssh -R}) relayed over the target session. The client's {@code
 * tcpip-forward} request is decided by the {@link ForwardMonitor} (the policy, recorded); when
 * allowed, the gateway asks the target session for the same listener, so the port is opened on the
 * target, never on the gateway. Each connection the target accepts there arrives at the gateway as
 * a {@code forwarded-tcpip} channel on the target session ({@link #targetChannels()}, the target
 * client's factory for that type), and is relayed to the client as a {@code forwarded-tcpip}
 * channel the gateway opens on the client's session ({@link ForwardedConnection}).
 *
 * <p>A target session that carried a remote forward is closed, not pooled, when its gateway session
 * ends: its listeners go with it.
 */
final class RemoteForwards {

  private static final Logger LOG = Logger.getLogger(RemoteForwards.class.getName());

  /** On a target session with remote forwards: whose they are. */
  static final AttributeKey<Binding> BINDING = new AttributeKey<>();

  private static final AttributeKey<InTurn> IN_TURN = new AttributeKey<>();

  /**
   * The gateway session a target session's remote forwards belong to, and its listeners by port
   * (the port the target listens on; a target may name the address in its own way, a resolved
   * {@code 127.0.0.1} for the client's {@code localhost}).
   */
  record Binding(
      ServerSession gateway,
      RelayContext context,
      ForwardMonitor monitor,
      Map<Integer, Listener> listening)
      implements ForwardedConnection.Relaying {}

  /**
   * A listener the policy allowed.
   *
   * @param host the address as the client asked for it, which its connections are reported under
   *     (OpenSSH's client matches them on it)
   */
  record Listener(String host, Decision decision) {}

  private RemoteForwards() {}

  /** The target client's {@code forwarded-tcpip} channel factory. */
  static ChannelFactory targetChannels() {
    return ForwardedConnection.factory(
        "forwarded-tcpip",
        target -> ForwardedConnection.create("forwarded-tcpip", target.getAttribute(BINDING), LEG));
  }

  private static final ForwardedConnection.OtherLeg LEG =
      new ForwardedConnection.OtherLeg() {
        @Override
        public ServerSession gatewaySession(Session arrivedOn) {
          Binding binding = arrivedOn.getAttribute(BINDING);
          return binding == null || !binding.gateway().isOpen() ? null : binding.gateway();
        }

        @Override
        public ForwardRequest request(Session arrivedOn, Buffer open) {
          return new ForwardRequest(
              ForwardRequest.REMOTE,
              ForwardRequest.originator(open.getString()),
              open.getInt(),
              ForwardRequest.originator(open.getString()),
              open.getInt());
        }

        // Reported under the address as the client asked for it.
        @Override
        public ForwardRequest resolve(Session arrivedOn, ForwardRequest request) {
          Listener listener = listener(arrivedOn, request.port());
          return listener == null
              ? request
              : new ForwardRequest(
                  request.kind(),
                  listener.host(),
                  request.port(),
                  request.originatorHost(),
                  request.originatorPort());
        }

        @Override
        public boolean arrivedFromClient() {
          return false;
        }

        @Override
        public Decision decided(Session arrivedOn, ForwardRequest request) {
          Listener listener = listener(arrivedOn, request.port());
          return listener != null
              ? listener.decision()
              : Decision.deny(
                  "no remote forward of this session listens on "
                      + request.host()
                      + ":"
                      + request.port());
        }

        @Override
        public TransferTarget.Channel open(
            RelayContext context,
            ServerSession gateway,
            ForwardRequest request,
            TransferTarget.Sink sink)
            throws IOException {
          return ForwardedConnection.openToClient(
              gateway, TransferTarget.forwardedTcpip(gateway, request, sink));
        }
      };

  /**
   * The listener on {@code port}, once any listen request in flight has been answered: a target may
   * accept a connection on a new listener before it has answered the request for it. Called off the
   * I/O threads, since it may wait for that answer.
   */
  private static Listener listener(Session target, int port) {
    Binding binding = target.getAttribute(BINDING);
    if (binding == null) {
      return null;
    }
    synchronized (binding.listening()) {
      return binding.listening().get(port);
    }
  }

  /**
   * The gateway's handler of the client's {@code tcpip-forward} and cancel requests. A session's
   * requests are carried out one after the other, in the order they came (a cancel never overtakes
   * the listen it cancels), off the I/O thread; their answers leave in order too ({@link
   * io.gatehouse.ssh.server.OrderedGlobalRequests}).
   */
  static GlobalRequests requests(RelayContext context, ForwardMonitor monitor) {
    return (session, request, buffer, reply) -> {
      boolean listen = "tcpip-forward".equals(request);
      if (!listen && !"cancel-tcpip-forward".equals(request)) {
        return false;
      }
      String asked = buffer.getString();
      long port = buffer.getUInt();
      String host;
      try {
        host = ForwardHosts.canonicalListen(asked);
      } catch (IllegalArgumentException e) {
        LOG.info(() -> "session " + session + ": " + request + " refused: " + e.getMessage());
        reply.failure();
        return true;
      }
      if (port > 65535) {
        LOG.info(() -> "session " + session + ": " + request + " for port " + port + " refused");
        reply.failure();
        return true;
      }
      // The decision may wait on the recording's disk, the target on the network.
      Runnable work =
          () -> {
            int bound =
                listen
                    ? listen(session, context, monitor, host, asked, (int) port)
                    : cancel(session, context, host, (int) port);
            if (bound < 0) {
              reply.failure();
            } else if (listen && port == 0) {
              reply.successWithPort(bound);
            } else {
              reply.success();
            }
          };
      session
          .computeAttributeIfAbsent(IN_TURN, k -> new InTurn(context.executor()))
          .run(work, reply::failure);
      return true;
    };
  }

  /** Runs a session's requests one after the other on an executor. */
  private static final class InTurn {
    private final Executor executor;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null); // guarded

    InTurn(Executor executor) {
      this.executor = executor;
    }

    synchronized void run(Runnable work, Runnable refused) {
      last =
          last.thenRunAsync(work, executor)
              .exceptionally(
                  e -> {
                    LOG.log(Level.INFO, "a forward request was not carried out", e);
                    refused.run(); // a no-op when it was answered
                    return null;
                  });
    }
  }

  /**
   * The port listening on the target, or -1 when refused or failed.
   *
   * @param host the canonical address, checked and asked of the target
   * @param asked the address as the client wrote it, which its connections are reported under
   */
  private static int listen(
      ServerSession session,
      RelayContext context,
      ForwardMonitor monitor,
      String host,
      String asked,
      int port) {
    ForwardRequest request = new ForwardRequest(ForwardRequest.REMOTE, host, port, null, 0);
    ForwardMonitor.Forward audit;
    try {
      audit = monitor.open(session, request);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "session " + session + ": remote forward refused", e);
      return -1;
    }
    Decision decision = audit.decision();
    if (!decision.allowed()) {
      log(session, host, port, "refused: " + decision.message());
      return -1;
    }
    try {
      ClientSession target = context.sessions().forRemoteForwards(session);
      Binding binding =
          target.computeAttributeIfAbsent(
              BINDING,
              k ->
                  new Binding(
                      session, context, monitor, Collections.synchronizedMap(new HashMap<>())));
      SshdSocketAddress address = new SshdSocketAddress(host, port);
      int boundPort;
      synchronized (binding.listening()) { // see listener()
        SshdSocketAddress bound = target.startRemotePortForwarding(address, address);
        boundPort = port == 0 && bound != null ? bound.getPort() : port;
        binding.listening().put(boundPort, new Listener(asked, decision));
      }
      log(session, host, boundPort, "listening on the target");
      return boundPort;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.INFO, "session " + session + ": the target refused a listener on " + host, e);
      audit.failed(
          "the target did not listen: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return -1;
    }
  }

  private static void log(ServerSession session, String host, int port, String what) {
    LOG.info(() -> "session " + session + ": remote forward of " + host + ":" + port + " " + what);
  }

  private static int cancel(ServerSession session, RelayContext context, String host, int port) {
    try {
      ClientSession target = context.sessions().forRemoteForwards(session);
      Binding binding = target.getAttribute(BINDING);
      if (binding == null) {
        return -1;
      }
      synchronized (binding.listening()) {
        if (binding.listening().remove(port) == null) {
          return -1;
        }
        target.stopRemotePortForwarding(new SshdSocketAddress(host, port));
      }
      return port;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "session " + session + ": cancelling a remote forward failed", e);
      return -1;
    }
  }
}
