package io.gatehouse.ssh.server;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import org.apache.sshd.client.auth.AbstractUserAuth;
import org.apache.sshd.client.auth.AbstractUserAuthFactory;
import org.apache.sshd.client.auth.UserAuth;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.u2f.SkED25519PublicKey;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A client's {@code publickey} login with an {@code sk-ssh-ed25519@openssh.com} key, signed in
 * software as a FIDO authenticator would (OpenSSH PROTOCOL.u2f): Ed25519 over sha256(application)
 * || flags || counter || sha256(the message to sign), sent as string(type) string(signature) byte
 * flags uint32 counter. No machine here has a token; the format is what the server checks.
 */
final class SoftwareSecurityKeyAuth extends AbstractUserAuth {

  static final String TYPE = "sk-ssh-ed25519@openssh.com";
  static final byte USER_PRESENT = 0x01;

  private final KeyPair ed25519;
  private final String application;
  private final byte flags;
  private boolean sent;

  SoftwareSecurityKeyAuth(KeyPair ed25519, String application, byte flags) {
    super("publickey");
    this.ed25519 = ed25519;
    this.application = application;
    this.flags = flags;
  }

  SkED25519PublicKey publicKey() {
    return new SkED25519PublicKey(application, false, ed25519.getPublic());
  }

  @Override
  public void init(ClientSession session, String service) throws Exception {
    super.init(session, service);
    sent = false;
  }

  /** One attempt per session: a refused signature is not sent again. */
  @Override
  protected boolean sendAuthDataRequest(ClientSession session, String service) throws Exception {
    if (sent) {
      return false;
    }
    sent = true;
    SkED25519PublicKey key = publicKey();
    Buffer signed = new ByteArrayBuffer();
    signed.putBytes(session.getSessionId());
    signed.putByte(SshConstants.SSH_MSG_USERAUTH_REQUEST);
    signed.putString(session.getUsername());
    signed.putString(service);
    signed.putString(getName());
    signed.putBoolean(true);
    signed.putString(TYPE);
    signed.putPublicKey(key);

    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    Buffer authenticatorData = new ByteArrayBuffer();
    authenticatorData.putRawBytes(sha256.digest(application.getBytes(StandardCharsets.UTF_8)));
    authenticatorData.putByte(flags);
    authenticatorData.putUInt(7); // the authenticator's signature counter
    authenticatorData.putRawBytes(sha256.digest(signed.getCompactData()));
    Signature ed = BuiltinSignatures.ed25519.create();
    ed.initSigner(session, ed25519.getPrivate());
    ed.update(session, authenticatorData.getCompactData());
    byte[] raw = ed.sign(session);

    Buffer signature = new ByteArrayBuffer();
    signature.putString(TYPE);
    signature.putBytes(raw);
    signature.putByte(flags);
    signature.putUInt(7);

    Buffer request = session.createBuffer(SshConstants.SSH_MSG_USERAUTH_REQUEST);
    request.putString(session.getUsername());
    request.putString(service);
    request.putString(getName());
    request.putBoolean(true);
    request.putString(TYPE);
    request.putPublicKey(key);
    request.putBytes(signature.getCompactData());
    session.writePacket(request);
    return true;
  }

  @Override
  protected boolean processAuthDataRequest(ClientSession session, String service, Buffer buffer) {
    return false; // the server answers SUCCESS or FAILURE, handled by the auth service
  }

  /** Logs in once with this key. */
  static final class Factory extends AbstractUserAuthFactory {
    private final SoftwareSecurityKeyAuth auth;

    Factory(SoftwareSecurityKeyAuth auth) {
      super("publickey");
      this.auth = auth;
    }

    @Override
    public UserAuth createUserAuth(ClientSession session) {
      return auth;
    }
  }
}
