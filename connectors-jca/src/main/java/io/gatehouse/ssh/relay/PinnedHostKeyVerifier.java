package io.gatehouse.ssh.relay;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.logging.Logger;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Accepts a target's host key only if it matches the {@link HostKeyPin} attached to the connect
 * attempt; on a mismatch it records a clear explanation for the client.
 */
final class PinnedHostKeyVerifier implements ServerKeyVerifier {

  static final AttributeKey<HostKeyPin> PIN = new AttributeKey<>();
  static final AttributeKey<String> MISMATCH = new AttributeKey<>();

  private static final Logger LOG = Logger.getLogger(PinnedHostKeyVerifier.class.getName());

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
    HostKeyPin pin = pinOf(session);
    if (pin != null && pin.matches(key)) {
      return true;
    }
    String message =
        "target host key "
            + KeyUtils.getFingerPrint(key)
            + " at "
            + remote
            + (pin == null
                ? " cannot be verified: no pin configured"
                : " does not match the pinned key " + pin.fingerprint())
            + "; refusing to connect (an administrator must check the target and update the pin)";
    session.setAttribute(MISMATCH, message);
    AttributeRepository context = session.getConnectionContext();
    if (context instanceof MismatchSink sink) {
      sink.mismatch = message;
    }
    LOG.warning(message);
    return false;
  }

  private static HostKeyPin pinOf(ClientSession session) {
    HostKeyPin pin = session.getAttribute(PIN);
    AttributeRepository context = session.getConnectionContext();
    return pin != null || context == null ? pin : context.getAttribute(PIN);
  }

  /** A connect context that carries the pin in and a mismatch explanation out. */
  static final class MismatchSink implements AttributeRepository {
    private final HostKeyPin pin;
    volatile String mismatch;

    MismatchSink(HostKeyPin pin) {
      this.pin = pin;
    }

    @Override
    public int getAttributesCount() {
      return 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(AttributeKey<T> key) {
      return key == PIN ? (T) pin : null;
    }

    @Override
    public java.util.Collection<AttributeKey<?>> attributeKeys() {
      return java.util.List.of(PIN);
    }
  }
}
