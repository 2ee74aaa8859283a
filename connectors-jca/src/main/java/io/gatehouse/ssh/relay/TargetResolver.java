package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.SessionAttributes;
import java.util.Optional;
import org.apache.sshd.server.session.ServerSession;

/** SPI: the target a connection name stands for, as the session plan says (empty: none). */
@FunctionalInterface
public interface TargetResolver {

  Optional<TargetEndpoint> resolve(String connectionName, String identity);

  /**
   * The target for an authenticated gateway session. Override to use what authentication attached
   * to the session (its session plan); the default asks by connection name and identity.
   */
  default Optional<TargetEndpoint> resolve(ServerSession session)
      throws TargetUnavailableException {
    return resolve(session.getUsername(), session.getAttribute(SessionAttributes.IDENTITY));
  }
}
