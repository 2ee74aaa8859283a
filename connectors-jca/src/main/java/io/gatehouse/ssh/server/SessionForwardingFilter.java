package io.gatehouse.ssh.server;

import java.util.logging.Logger;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardingFilter;

/**
 * Refuses MINA's own forwarding: local ({@code -L}, {@code -W}), remote ({@code -R}), agent ({@code
 * -A}) and X11 ({@code -X}), each with a log line. MINA would serve an allowed forward from the
 * gateway's own host (connecting, listening or holding an agent socket there), not from the target,
 * so nothing is allowed here. Local and remote forwards a policy allows are relayed over the target
 * session instead, by the relay's own {@code direct-tcpip} channel factory and {@code
 * tcpip-forward} handler ({@link SessionHandlers#localForwards()}, {@link
 * SessionHandlers#remoteForwards()}), which this filter is never asked about; agent and X11
 * forwarding stay refused (docs/SSH.md, "Forwarding").
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
