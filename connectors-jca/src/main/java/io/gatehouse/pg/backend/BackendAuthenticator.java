package io.gatehouse.pg.backend;

import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationCleartextPassword;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationMd5Password;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationOk;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationSasl;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationSaslContinue;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationSaslFinal;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationUnsupported;
import io.gatehouse.pg.wire.BackendMessage.ErrorResponse;
import io.gatehouse.pg.wire.BackendMessage.NegotiateProtocolVersion;
import io.gatehouse.pg.wire.BackendMessage.NoticeResponse;
import io.gatehouse.pg.wire.FrontendEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;

/**
 * Answers the target's authentication requests until AuthenticationOk. Policy: SCRAM (with channel
 * binding whenever TLS is on and the target offers -PLUS), MD5, cleartext only over TLS unless the
 * target allows it; everything else is refused.
 */
final class BackendAuthenticator {
  private static final Logger LOG = Logger.getLogger(BackendAuthenticator.class.getName());
  private static final String INVALID_AUTH = "28000";

  private final BackendChannel channel;
  private final BackendTarget target;
  private final BackendCredential credential;
  private ScramSha256Client scram;
  private String method = "trust";

  BackendAuthenticator(BackendChannel channel, BackendTarget target, BackendCredential credential) {
    this.channel = channel;
    this.target = target;
    this.credential = credential;
  }

  /** The method the target asked for: trust, password, md5, SCRAM-SHA-256(-PLUS). */
  String method() {
    return method;
  }

  void authenticate() throws IOException {
    while (true) {
      BackendMessage m = channel.receive();
      if (m instanceof AuthenticationOk) {
        if (scram != null) {
          throw refused("target skipped the SCRAM server signature");
        }
        return;
      } else if (m instanceof AuthenticationSasl sasl) {
        startScram(sasl);
      } else if (m instanceof AuthenticationSaslContinue c) {
        channel.send(FrontendEncoder.saslResponse(scram().clientFinalMessage(bytes(c.data()))));
      } else if (m instanceof AuthenticationSaslFinal f) {
        scram().verifyServerFinal(bytes(f.data()));
        LOG.fine(() -> "target " + target + " proved SCRAM server signature");
        scram = null;
      } else if (m instanceof AuthenticationMd5Password md5) {
        method = "md5";
        channel.send(
            FrontendEncoder.passwordMessage(
                Md5Password.response(target.user(), credential.password(), bytes(md5.salt()))));
      } else if (m instanceof AuthenticationCleartextPassword) {
        if (!channel.isTls() && !target.allowCleartextWithoutTls()) {
          throw refused("target asks for a cleartext password over an unencrypted connection");
        }
        method = "password";
        channel.send(FrontendEncoder.passwordMessage(credential.password()));
      } else if (m instanceof AuthenticationUnsupported u) {
        throw refused("target asks for unsupported authentication method " + u.code());
      } else if (m instanceof ErrorResponse e) {
        throw BackendConnector.rejected(e.fields(), "target " + target + " refused the session");
      } else if (m instanceof NoticeResponse || m instanceof NegotiateProtocolVersion) {
        LOG.fine(() -> "target " + target + " sent " + m.getClass().getSimpleName());
      } else {
        throw new BackendException("unexpected " + m + " during authentication with " + target);
      }
    }
  }

  private void startScram(AuthenticationSasl sasl) throws IOException {
    byte[] binding = null;
    if (channel.socket() instanceof SSLSocket tls
        && sasl.mechanisms().contains(ScramSha256Client.MECHANISM_PLUS)) {
      binding = TlsNegotiator.serverEndPoint(tls);
    }
    if (binding == null && !sasl.mechanisms().contains(ScramSha256Client.MECHANISM)) {
      throw refused("target offers no supported SASL mechanism: " + sasl.mechanisms());
    }
    scram = new ScramSha256Client(credential.password(), binding, channel.isTls());
    method = scram.mechanism();
    channel.send(
        FrontendEncoder.saslInitialResponse(scram.mechanism(), scram.clientFirstMessage()));
  }

  private ScramSha256Client scram() throws BackendException {
    if (scram == null) {
      throw new BackendException("target sent a SASL message outside a SASL exchange");
    }
    return scram;
  }

  private BackendAuthenticationException refused(String why) {
    return new BackendAuthenticationException(
        INVALID_AUTH, why, "gateway refused target " + target);
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
