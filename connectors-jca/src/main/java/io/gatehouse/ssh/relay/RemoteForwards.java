package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.GatewaySshProperties;
import io.gatehouse.ssh.server.GlobalRequests;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** On a gateway session that asked for remote forwards: its listeners and requests. */
  private static final AttributeKey<Remote> REMOTE = new AttributeKey<>();

  /** At most this many of a session's listen and cancel requests wait at once; more are refused. */
  private static final int MAX_WAITING = 16;

  /** The gateway session a target session's remote forwards belong to. */
  record Binding(ServerSession gateway, RelayContext context, ForwardMonitor monitor, Remote remote)
      implements ForwardedConnection.Relaying {}

  /**
   * A listener the policy allowed and the target opened.
   *
   * @param asked the address as the client asked for it, which its connections are reported under
   *     (OpenSSH's client matches them on it)
   * @param host the same address, canonical: what the target was asked for, and what a cancel must
   *     name
   * @param target the target session it listens on
   */
  record Listener(
      String asked,
      String host,
      Decision decision,
      ForwardMonitor.Forward audit,
      ClientSession target) {}

  /**
   * One gateway session's remote forwards: its listeners by the port the target listens on (a
   * target may name the address in its own way, a resolved {@code 127.0.0.1} for the client's
   * {@code localhost}), and its listen and cancel requests, carried out one after the other on an
   * executor in the order they came (a cancel never overtakes the listen it cancels).
   */
  static final class Remote {
    /** How long a connection waits for the answer to a listen request in flight. */
    private static final long PENDING_WAIT_MILLIS = 30_000;

    private final Map<Integer, Listener> listening = new HashMap<>(); // guarded by this
    private final Executor executor;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null); // guarded
    private int waiting; // guarded by this
    // The port of the listen request in flight (0: the target chooses), or -1.
    private int pending = -1; // guarded by this

    Remote(Executor executor) {
      this.executor = executor;
    }

    /** Runs {@code work} after the requests before it, or refuses it when too many wait. */
    synchronized void inTurn(Runnable work, Runnable refused) {
      if (waiting >= MAX_WAITING) {
        LOG.info(() -> "a forward request refused: " + MAX_WAITING + " wait already");
        refused.run();
        return;
      }
      waiting++;
      last =
          last.thenRunAsync(work, executor)
              .handle(
                  (done, e) -> {
                    if (e != null) {
                      LOG.log(Level.INFO, "a forward request was not carried out", e);
                      refused.run(); // a no-op when it was answered
                    }
                    synchronized (this) {
                      waiting--;
                    }
                    return null;
                  });
    }

    /**
     * The listener on {@code port} of {@code target}, or null. A target may accept a connection on
     * a new listener before it has answered the request for it: a connection to the port of the
     * request in flight (any port, while the target chooses one) waits for that answer.
     */
    synchronized Listener on(Session target, int port) {
      long deadline = System.nanoTime() + PENDING_WAIT_MILLIS * 1_000_000;
      while (pending == port || pending == 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        try {
          wait(left / 1_000_000 + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
      Listener listener = listening.get(port);
      return listener != null && listener.target() == target ? listener : null;
    }

    /**
     * Why a listen on {@code port} is refused before the policy is asked, or null; else marks it in
     * flight. Listeners whose target session died are ended first.
     */
    synchronized String admit(int port, int max) {
      listening
          .entrySet()
          .removeIf(
              e -> {
                if (e.getValue().target().isOpen()) {
                  return false;
                }
                e.getValue().audit().listenEnded(e.getKey(), "target session closed");
                return true;
              });
      if (listening.size() >= max) {
        return "at most " + max + " remote forwards per connection; cancel one first";
      }
      if (port != 0 && listening.containsKey(port)) {
        return "port " + port + " is forwarded already in this connection";
      }
      pending = port;
      return null;
    }

    /** The listen in flight was answered: {@code listener} on {@code port}, or none. */
    synchronized void answered(int port, Listener listener) {
      if (listener != null) {
        listening.put(port, listener);
      }
      pending = -1;
      notifyAll();
    }

    /** Takes out the listener on {@code port} if the client asked for it at {@code host}. */
    synchronized Listener remove(int port, String host) {
      Listener listener = listening.get(port);
      if (listener == null || !listener.host().equals(host)) {
        return null;
      }
      return listening.remove(port);
    }
  }

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
                  listener.asked(),
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
    return binding == null ? null : binding.remote().on(target, port);
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
                    : cancel(session, host, (int) port);
            if (bound < 0) {
              reply.failure();
            } else if (listen && port == 0) {
              reply.successWithPort(bound);
            } else {
              reply.success();
            }
          };
      session
          .computeAttributeIfAbsent(REMOTE, k -> new Remote(context.executor()))
          .inTurn(work, reply::failure);
      return true;
    };
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
    if (!session.isOpen()) {
      return -1; // the client left while this waited its turn: nothing to decide or record
    }
    Remote remote = session.getAttribute(REMOTE);
    String over = remote.admit(port, GatewaySshProperties.MAX_REMOTE_FORWARDS.getRequired(session));
    Listener listener = null;
    int boundPort = -1;
    try {
      ForwardMonitor.Forward audit;
      try {
        audit =
            over == null
                ? monitor.open(session, request)
                : monitor.decided(session, request, Decision.deny(over));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "session " + session + ": remote forward refused", e);
        return -1;
      }
      Decision decision = audit.decision();
      if (!decision.allowed()) {
        log(session, host, port, "refused: " + decision.message());
        return -1;
      }
      // From here the listener's end is recorded before the session's, even if the session ends
      // while the target is still being asked, and unless the client cancels it first.
      AtomicInteger listens = new AtomicInteger(port);
      audit.relaying(() -> audit.listenEnded(listens.get(), "session-end"));
      try {
        ClientSession target = context.sessions().forRemoteForwards(session);
        Binding binding =
            target.computeAttributeIfAbsent(
                BINDING, k -> new Binding(session, context, monitor, remote));
        if (binding.gateway() != session) {
          throw new IOException("the target session carried another session's remote forwards");
        }
        SshdSocketAddress address = new SshdSocketAddress(host, port);
        SshdSocketAddress bound = target.startRemotePortForwarding(address, address);
        boundPort = port == 0 && bound != null ? bound.getPort() : port;
        listens.set(boundPort);
        listener = new Listener(asked, host, decision, audit, target);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.INFO, "session " + session + ": the target refused a listener on " + host, e);
        audit.failed(
            "the target did not listen: "
                + (e.getMessage() == null ? e.toString() : e.getMessage()));
        return -1;
      }
      log(session, host, boundPort, "listening on the target");
      return boundPort;
    } finally {
      if (over == null) {
        remote.answered(boundPort, listener);
      }
    }
  }

  private static void log(ServerSession session, String host, int port, String what) {
    LOG.info(() -> "session " + session + ": remote forward of " + host + ":" + port + " " + what);
  }

  /**
   * Cancels the session's listener on {@code port}, which must be the one the client asked for at
   * {@code host} (in any accepted spelling of it): the target is asked to stop it on the target
   * session it listens on, and its end is recorded.
   */
  private static int cancel(ServerSession session, String host, int port) {
    Listener listener = session.getAttribute(REMOTE).remove(port, host);
    if (listener == null) {
      log(session, host, port, "not cancelled: no such remote forward");
      return -1;
    }
    try {
      listener.target().stopRemotePortForwarding(new SshdSocketAddress(host, port));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "session " + session + ": cancelling a remote forward failed", e);
      listener.audit().listenEnded(port, "cancel failed: " + e.getMessage());
      return -1;
    }
    listener.audit().listenEnded(port, "cancelled");
    log(session, host, port, "cancelled");
    return port;
  }
}
