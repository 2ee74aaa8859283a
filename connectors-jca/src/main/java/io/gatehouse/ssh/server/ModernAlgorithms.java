package io.gatehouse.ssh.server;

import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;

/**
 * The only algorithms the gateway speaks, on both sides: no SHA-1 key exchange, MAC or signature,
 * no CBC, no finite-field Diffie-Hellman. Entries the running JVM cannot provide are dropped.
 */
public final class ModernAlgorithms {

  static final List<BuiltinDHFactories> KEX =
      List.of(
          BuiltinDHFactories.curve25519,
          BuiltinDHFactories.curve25519_libssh,
          BuiltinDHFactories.ecdhp256,
          BuiltinDHFactories.ecdhp384,
          BuiltinDHFactories.ecdhp521);
  static final List<BuiltinCiphers> CIPHERS =
      List.of(
          BuiltinCiphers.cc20p1305_openssh,
          BuiltinCiphers.aes256gcm,
          BuiltinCiphers.aes128gcm,
          BuiltinCiphers.aes256ctr,
          BuiltinCiphers.aes192ctr,
          BuiltinCiphers.aes128ctr);
  static final List<BuiltinMacs> MACS =
      List.of(BuiltinMacs.hmacsha512etm, BuiltinMacs.hmacsha256etm);
  static final List<BuiltinSignatures> SIGNATURES =
      List.of(
          BuiltinSignatures.ed25519,
          BuiltinSignatures.nistp256,
          BuiltinSignatures.nistp384,
          BuiltinSignatures.nistp521,
          BuiltinSignatures.rsaSHA512,
          BuiltinSignatures.rsaSHA256,
          // FIDO security keys (client keys only): user presence required, see docs/SSH.md.
          BuiltinSignatures.sk_ssh_ed25519,
          BuiltinSignatures.sk_ecdsa_sha2_nistp256);

  private ModernAlgorithms() {}

  /**
   * Key exchanges for a server ({@code ServerBuilder.DH2KEX}) or client ({@code
   * ClientBuilder.DH2KEX}).
   */
  public static List<KeyExchangeFactory> keyExchanges(
      java.util.function.Function<org.apache.sshd.common.kex.DHFactory, KeyExchangeFactory>
          dh2kex) {
    return KEX.stream().filter(BuiltinDHFactories::isSupported).map(dh2kex).toList();
  }

  public static List<KeyExchangeFactory> serverKeyExchanges() {
    return keyExchanges(ServerBuilder.DH2KEX);
  }

  public static List<NamedFactory<Cipher>> ciphers() {
    return CIPHERS.stream()
        .filter(BuiltinCiphers::isSupported)
        .<NamedFactory<Cipher>>map(c -> c)
        .toList();
  }

  public static List<NamedFactory<Mac>> macs() {
    return MACS.stream().filter(BuiltinMacs::isSupported).<NamedFactory<Mac>>map(m -> m).toList();
  }

  public static List<NamedFactory<Signature>> signatures() {
    return SIGNATURES.stream()
        .filter(BuiltinSignatures::isSupported)
        .<NamedFactory<Signature>>map(s -> s)
        .toList();
  }
}
