package io.gatehouse.ssh.server;

import java.io.IOException;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.AbstractUserAuthFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.session.ServerSession;

/**
 * MINA's public-key authentication, with the gateway's admission moved after the signature check.
 * MINA calls the {@code PublickeyAuthenticator} for a key before any signature (to answer {@code
 * SSH_MSG_USERAUTH_PK_OK}) and again before it verifies one, so {@link GatewayUserAuthenticator}
 * only checks the key there; this class opens the session once MINA reports the signature good, so
 * a client that holds only someone's public key never starts a session or a recording.
 */
final class VerifiedKeyAuth extends UserAuthPublicKey {

  private final GatewayUserAuthenticator gateway;

  VerifiedKeyAuth(GatewayUserAuthenticator gateway) {
    this.gateway = gateway;
  }

  @Override
  public Boolean doAuth(Buffer buffer, boolean init) throws Exception {
    ServerSession session = getServerSession();
    session.removeAttribute(GatewayUserAuthenticator.CHECKED_KEY);
    Boolean verified;
    try {
      verified = super.doAuth(buffer, init);
    } catch (Exception e) {
      // A signature that does not verify (or a malformed request): a real failed attempt.
      GatewayUserAuthenticator.CheckedKey checked =
          session.removeAttribute(GatewayUserAuthenticator.CHECKED_KEY);
      gateway.signatureFailed(session, getUsername(), checked, e);
      throw e;
    }
    GatewayUserAuthenticator.CheckedKey checked =
        session.removeAttribute(GatewayUserAuthenticator.CHECKED_KEY);
    if (!Boolean.TRUE.equals(verified)) {
      return verified; // a probe answered with PK_OK (null), or a key refused (false)
    }
    return gateway.admitVerified(session, getUsername(), checked, lastVerifiedKey(session));
  }

  private static PublicKey lastVerifiedKey(ServerSession session) {
    List<PublicKey> keys = session.getAttribute(AUTHENTICATED_KEYS);
    return keys == null || keys.isEmpty() ? null : keys.get(keys.size() - 1);
  }

  /** Creates {@link VerifiedKeyAuth} for each authentication attempt. */
  static final class Factory extends AbstractUserAuthFactory {
    private final GatewayUserAuthenticator gateway;

    Factory(GatewayUserAuthenticator gateway) {
      super(NAME);
      this.gateway = gateway;
    }

    @Override
    public UserAuthPublicKey createUserAuth(ServerSession session) throws IOException {
      return new VerifiedKeyAuth(gateway);
    }
  }
}
