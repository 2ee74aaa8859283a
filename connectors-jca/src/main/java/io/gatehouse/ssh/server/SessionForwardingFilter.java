package io.gatehouse.ssh.server;

import java.util.logging.Logger;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardingFilter;

/**
 * Refuses MINA's own forwarding: local ({@code -L}, {@code -W}), remote ({@code -R}), agent ({@code
 * -A}) and X11 ({@code -X}), each with a log line. MINA would serve an allowed forward from the
 * gateway's own host (connecting, listening or holding an agent socket there), not from the target,
 * so nothing is allowed here. Local, remote and agent forwarding a policy allows are relayed over
 * the target session instead, by the relay's own {@code direct-tcpip} channel factory, {@code
 * tcpip-forward} handler and agent request handler ({@link SessionHandlers}), which this filter is
 * never asked about; X11 forwarding stays refused (docs/SSH.md, "Forwarding").
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
