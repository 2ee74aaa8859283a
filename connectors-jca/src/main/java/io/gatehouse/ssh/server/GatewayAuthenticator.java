package io.gatehouse.ssh.server;

import java.net.SocketAddress;
import java.security.PublicKey;

/**
 * SPI: decides who a connecting client is. The SSH user name is the connection name ({@code ssh
 * web-prod@gateway}); the password carries an access token, or the client proves a registered
 * public key. Implementations must not log the password.
 */
public interface GatewayAuthenticator {

  AuthResult authenticatePassword(String connectionName, String password, SocketAddress client);

  /**
   * Whether {@code key} may be used: registered and unexpired. Called <em>before</em> the client
   * has proven it holds the key (MINA asks to answer {@code SSH_MSG_USERAUTH_PK_OK}, and again
   * before it checks a signature), so it must open nothing: no session, no recording. A rejection's
   * {@code clientMessage} is shown to the client as a banner and the client may try other keys or
   * methods.
   */
  AuthResult authenticatePublicKey(String connectionName, PublicKey key, SocketAddress client);

  /**
   * Opens the session of a client that has proven it holds {@code key} (its signature verified),
   * after {@link #authenticatePublicKey} accepted the key as {@code checked}. A rejection ends the
   * connection with its {@code clientMessage}. The default accepts as checked.
   */
  default AuthResult admitPublicKey(
      String connectionName, PublicKey key, SocketAddress client, AuthResult checked) {
    return checked;
  }
}
