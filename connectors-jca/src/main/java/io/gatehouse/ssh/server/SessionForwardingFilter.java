package io.gatehouse.ssh.server;

import java.util.logging.Logger;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardingFilter;

/**
 * Refuses local ({@code -L}, {@code -W}), remote ({@code -R}), agent ({@code -A}) and X11 ({@code
 * -X}) forwarding, each with a log line. MINA would serve an allowed forward from the gateway's own
 * host (connecting, listening or holding an agent socket there), not from the target, so nothing is
 * allowed: forwarding a policy may allow would have to be relayed over the target session, which
 * the gateway does not do (docs/SSH.md, "Forwarding").
 */
public final class SessionForwardingFilter implements ForwardingFilter {

  private static final Logger LOG = Logger.getLogger(SessionForwardingFilter.class.getName());

  @Override
  public boolean canForwardAgent(Session session, String requestType) {
    return refuse(session, "agent");
  }

  @Override
  public boolean canForwardX11(Session session, String requestType) {
    return refuse(session, "x11");
  }

  @Override
  public boolean canListen(SshdSocketAddress address, Session session) {
    return refuse(session, "remote " + address);
  }

  @Override
  public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
    return refuse(session, type + " " + address);
  }

  private static boolean refuse(Session session, String what) {
    LOG.info(() -> "session " + session + ": forwarding " + what + " refused");
    return false;
  }
}
