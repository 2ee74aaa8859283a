package io.gatehouse.ssh.server;

import java.util.logging.Logger;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardingFilter;

/**
 * Refuses local ({@code -L}, {@code -W}), remote ({@code -R}), agent and X11 forwarding unless the
 * session carries a {@link ForwardingGrant} that allows it.
 */
public final class SessionForwardingFilter implements ForwardingFilter {

  private static final Logger LOG = Logger.getLogger(SessionForwardingFilter.class.getName());

  @Override
  public boolean canForwardAgent(Session session, String requestType) {
    return decide(session, "agent", grant(session).agent());
  }

  @Override
  public boolean canForwardX11(Session session, String requestType) {
    return decide(session, "x11", grant(session).x11());
  }

  @Override
  public boolean canListen(SshdSocketAddress address, Session session) {
    return decide(session, "remote " + address, grant(session).remote());
  }

  @Override
  public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
    ForwardingGrant grant = grant(session);
    return decide(
        session, type + " " + address, type == Type.Direct ? grant.local() : grant.remote());
  }

  private static ForwardingGrant grant(Session session) {
    ForwardingGrant grant = session.getAttribute(SessionAttributes.FORWARDING);
    return grant == null ? ForwardingGrant.NONE : grant;
  }

  private static boolean decide(Session session, String what, boolean allowed) {
    LOG.info(
        () -> "session " + session + ": forwarding " + what + (allowed ? " allowed" : " refused"));
    return allowed;
  }
}
