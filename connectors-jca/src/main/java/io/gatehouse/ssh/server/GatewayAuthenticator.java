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

  AuthResult authenticatePublicKey(String connectionName, PublicKey key, SocketAddress client);
}
