package io.gatehouse.ssh.server;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Proxy;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.junit.jupiter.api.Test;

class SessionForwardingFilterTest {

  private final SessionForwardingFilter filter = new SessionForwardingFilter();
  private final SshdSocketAddress address = new SshdSocketAddress("127.0.0.1", 5432);

  private static Session session() {
    return (Session)
        Proxy.newProxyInstance(
            Session.class.getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "toString" -> "test-session";
                  default -> null;
                });
  }

  @Test
  void refusesEveryKindOfForwarding() {
    Session session = session();
    assertFalse(filter.canConnect(TcpForwardingFilter.Type.Direct, address, session));
    assertFalse(filter.canConnect(TcpForwardingFilter.Type.Forwarded, address, session));
    assertFalse(filter.canListen(address, session));
    assertFalse(filter.canForwardAgent(session, "auth-agent-req@openssh.com"));
    assertFalse(filter.canForwardX11(session, "x11-req"));
  }
}
