package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.GatewaySshProperties;
import java.io.IOException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.server.session.ServerSession;

/**
 * SPI: where authenticated target sessions come from. A gateway session leases one target session
 * at a time (more when the target's {@code MaxSessions} refuses another channel) and gives it back
 * when it ends. In production the resource adapter's pool behind {@code eis/gatehouse/ssh} keeps
 * them open between client sessions; {@link #unpooled} opens a fresh one for every lease.
 */
@FunctionalInterface
public interface TargetPool {

  /**
   * An authenticated session to {@code target}, for {@code session} alone until it is released.
   *
   * @throws TargetUnavailableException when none can be opened (the message is for the user)
   */
  TargetLease lease(ServerSession session, TargetEndpoint target) throws TargetUnavailableException;

  /** A target session in use by one gateway session. */
  interface TargetLease {

    ClientSession session();

    /** Back to the pool: the session stays open for the next gateway session. */
    void release();

    /** The session is broken or must not be reused: closed, never handed out again. */
    void discard();
  }

  /** A new target session per lease, closed at release (no pooling). */
  static TargetPool unpooled(TargetConnector connector) {
    return (session, target) -> {
      ClientSession opened =
          connector.connect(
              target,
              GatewaySshProperties.TARGET_CONNECT_TIMEOUT.getRequired(session),
              GatewaySshProperties.TARGET_AUTH_TIMEOUT.getRequired(session));
      return new TargetLease() {
        @Override
        public ClientSession session() {
          return opened;
        }

        @Override
        public void release() {
          opened.close(false);
        }

        @Override
        public void discard() {
          opened.close(true);
        }
      };
    };
  }

  /** Closes whatever the pool owns (a container-managed pool owns nothing here). */
  default void close() throws IOException {}
}
