package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.GatewaySshProperties;
import io.gatehouse.ssh.server.SessionAttributes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.session.ServerSession;

/**
 * The target sessions a gateway session uses: leased from the {@link TargetPool} on the first
 * channel that needs one, shared by its later channels (ControlMaster, scp and a shell side by
 * side), given back when the gateway session closes. A lease is exclusive: while one gateway
 * session holds a target session, no other gateway session opens channels on it.
 *
 * <p>When the target refuses another channel on a leased session (OpenSSH's {@code MaxSessions}, 10
 * by default), a further target session is leased for it. When a pooled session turns out dead
 * (closed by the target or the network while idle), it is discarded and the channel is retried once
 * on a fresh one.
 */
final class TargetSessions {

  private static final Logger LOG = Logger.getLogger(TargetSessions.class.getName());
  private static final AttributeKey<Leases> LEASES = new AttributeKey<>();

  /** On a leased target session: the gateway session holding it (removed at release). */
  private static final AttributeKey<ServerSession> LEASED_BY = new AttributeKey<>();

  /** The gateway session that holds {@code target} now, or null. */
  static ServerSession leasedBy(Session target) {
    return target.getAttribute(LEASED_BY);
  }

  /** Makes (does not open) a channel of the right kind on a target session. */
  @FunctionalInterface
  interface ChannelMaker {
    ClientChannel make(ClientSession target) throws IOException;
  }

  private final TargetResolver resolver;
  private final TargetPool pool;

  TargetSessions(TargetResolver resolver, TargetPool pool) {
    this.resolver = resolver;
    this.pool = pool;
  }

  /** A channel made by {@code maker} and opened on one of the session's target sessions. */
  ClientChannel openChannel(ServerSession session, ChannelMaker maker) throws IOException {
    return openChannel(session, maker, true);
  }

  /**
   * As {@link #openChannel(ServerSession, ChannelMaker)}; when {@code moreOnRefusal} is false, a
   * target's refusal is final (a forward the target will not make is not retried on another target
   * session), and only a dead target session is replaced.
   */
  ClientChannel openChannel(ServerSession session, ChannelMaker maker, boolean moreOnRefusal)
      throws IOException {
    Leases leases = leases(session);
    TargetPool.TargetLease lease = leases.current(session, null);
    for (int attempt = 0; ; attempt++) {
      ClientChannel channel = maker.make(lease.session());
      OpenFuture opening = null;
      try {
        opening = channel.open();
        opening.verify(GatewaySshProperties.TARGET_CONNECT_TIMEOUT.getRequired(session));
        return channel;
      } catch (IOException | RuntimeException e) {
        abandon(channel, opening);
        if (attempt > 0) {
          throw e;
        }
        TargetPool.TargetLease failed = lease;
        if (!failed.session().isOpen()) {
          LOG.log(Level.FINE, "session " + session + ": target session died; a fresh one", e);
          leases.drop(failed, true);
        } else if (moreOnRefusal && refusedOpen(e)) {
          LOG.info(
              () ->
                  "session "
                      + session
                      + ": target refused another channel ("
                      + e.getMessage()
                      + "); opening one more target session");
        } else {
          throw e;
        }
        lease = leases.current(session, failed);
      }
    }
  }

  /**
   * The target session remote forwards of {@code session} are set up on: the current lease, which
   * is closed rather than pooled when the gateway session ends (its listeners go with it).
   */
  ClientSession forRemoteForwards(ServerSession session) throws IOException {
    return leases(session).currentDiscardedAtEnd(session).session();
  }

  /**
   * Gives up a channel whose open failed or timed out. One the target has not answered yet stays
   * registered until it does, and is then closed gracefully: closed at once, it would be forgotten
   * here while the target, confirming it later (a forward's slow connect), kept it open, and a late
   * answer on a forgotten channel is an error for the whole target session.
   */
  private static void abandon(ClientChannel channel, OpenFuture opening) {
    if (opening == null || opening.isDone()) {
      channel.close(true);
    } else {
      opening.addListener(f -> channel.close(false));
    }
  }

  private static boolean refusedOpen(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SshChannelOpenException) {
        return true;
      }
    }
    return false;
  }

  private Leases leases(ServerSession session) {
    Leases created = new Leases();
    Leases leases = session.computeAttributeIfAbsent(LEASES, k -> created);
    if (leases == created) {
      session.addCloseFutureListener(
          f -> leases.releaseAll(session.getAttribute(AgentForwards.GRANT) != null));
    }
    return leases;
  }

  /** One gateway session's leases, newest last. */
  private final class Leases {
    private final List<TargetPool.TargetLease> held = new ArrayList<>();
    private final List<TargetPool.TargetLease> discardAtEnd = new ArrayList<>();
    private boolean closed;

    /**
     * The current lease, marked to be closed rather than pooled at the end, in one step: were the
     * session to end between the two, the lease would go back to the pool, and a listener opened on
     * it after that would stay there for the next user.
     */
    synchronized TargetPool.TargetLease currentDiscardedAtEnd(ServerSession session)
        throws IOException {
      TargetPool.TargetLease lease = current(session, null);
      lease.session().setAttribute(SessionAttributes.NOT_POOLED, Boolean.TRUE);
      if (!discardAtEnd.contains(lease)) {
        discardAtEnd.add(lease);
      }
      return lease;
    }

    /**
     * The newest open lease other than {@code not}, or a new one.
     *
     * @param not a lease that just failed to open a channel, or null
     */
    synchronized TargetPool.TargetLease current(ServerSession session, TargetPool.TargetLease not)
        throws IOException {
      if (closed) {
        throw new TargetUnavailableException("the gateway session is closing");
      }
      for (int i = held.size() - 1; i >= 0; i--) {
        TargetPool.TargetLease lease = held.get(i);
        if (!lease.session().isOpen()) {
          held.remove(i);
          lease.discard();
        } else if (lease != not && (not == null || i > held.indexOf(not))) {
          return lease;
        }
      }
      TargetEndpoint target =
          resolver
              .resolve(session)
              .orElseThrow(
                  () ->
                      new TargetUnavailableException(
                          "no target for connection " + session.getUsername()));
      TargetPool.TargetLease lease = pool.lease(session, target);
      lease.session().setAttribute(LEASED_BY, session);
      held.add(lease);
      LOG.info(
          () ->
              "session "
                  + session
                  + ": "
                  + session.getAttribute(SessionAttributes.IDENTITY)
                  + " on "
                  + session.getUsername()
                  + " relayed to "
                  + target
                  + " over "
                  + lease.session()
                  + " (target session "
                  + held.size()
                  + ")");
      return lease;
    }

    synchronized void drop(TargetPool.TargetLease lease, boolean broken) {
      if (held.remove(lease)) {
        lease.session().removeAttribute(LEASED_BY);
        if (broken) {
          lease.discard();
        } else {
          lease.release();
        }
      }
    }

    /**
     * @param discardEvery close every target session rather than pooling any (the client's agent
     *     was forwarded over them)
     */
    synchronized void releaseAll(boolean discardEvery) {
      closed = true;
      for (TargetPool.TargetLease lease : held) {
        lease.session().removeAttribute(LEASED_BY);
        try {
          if (lease.session().isOpen()
              && !discardEvery
              && !discardAtEnd.contains(lease)
              && lease.session().getAttribute(SessionAttributes.NOT_POOLED) == null) {
            lease.release();
          } else {
            lease.discard();
          }
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "giving back a target session failed", e);
        }
      }
      held.clear();
    }
  }
}
