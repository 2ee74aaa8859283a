package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.ModernAlgorithms;
import io.gatehouse.ssh.server.SharedIoGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens authenticated MINA client sessions to targets: modern algorithms only, the pinned host key
 * enforced, the gateway's credential for that target only (never {@code ~/.ssh}). One per relay
 * (unpooled) or per pool (the resource adapter's {@code eis/gatehouse/ssh}).
 */
public final class TargetConnector implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TargetConnector.class.getName());

  private final SshClient client;

  public TargetConnector() {
    client =
        ClientBuilder.builder()
            .keyExchangeFactories(ModernAlgorithms.keyExchanges(ClientBuilder.DH2KEX))
            .cipherFactories(targetCiphers())
            .macFactories(ModernAlgorithms.macs())
            .signatureFactories(ModernAlgorithms.signatures())
            .build();
    // The gateway listener's I/O group, so a relayed packet's write completes without a hand-off.
    client.setIoServiceFactoryFactory(SharedIoGroup.factoryFactory());
    client.setServerKeyVerifier(new PinnedHostKeyVerifier());
    // Connections a target accepts on a remote forward's listener go to the client who asked for
    // it (RemoteForwards), never to a socket on the gateway host as MINA's own factory would.
    List<ChannelFactory> channels = new ArrayList<>();
    for (ChannelFactory factory : client.getChannelFactories()) {
      if (!"forwarded-tcpip".equals(factory.getName())) {
        channels.add(factory);
      }
    }
    channels.add(RemoteForwards.targetChannels());
    // Agent connections a target opens go to the client's agent (AgentForwards), when its
    // gateway session was allowed agent forwarding; the gateway holds no agent of its own.
    channels.add(AgentForwards.targetChannels());
    client.setChannelFactories(channels);
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    // See GatewaySshServer: small messages must not wait for the target's delayed ACK.
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    client.start();
  }

  /**
   * The modern ciphers in the order the gateway prefers on its own leg to the target: AES-128-GCM
   * first, then the other AES modes, ChaCha20-Poly1305 last. The JVM's AES runs on the CPU's AES
   * instructions, while MINA's ChaCha20-Poly1305 is plain Java and took most of the gateway's CPU
   * on a bulk transfer (a target leg at a fifth of direct speed); AES-128 needs 10 rounds against
   * AES-256's 14, on the gateway and on the target's sshd alike (OpenSSH also prefers 128 over 256
   * bits). The client's leg to the gateway is the client's choice.
   */
  static List<NamedFactory<Cipher>> targetCiphers() {
    List<NamedFactory<Cipher>> ciphers = new ArrayList<>(ModernAlgorithms.ciphers());
    ciphers.sort(Comparator.comparingInt(TargetConnector::targetPreference));
    return List.copyOf(ciphers);
  }

  private static int targetPreference(NamedFactory<Cipher> cipher) {
    String name = cipher.getName();
    if (name.startsWith("chacha20")) {
      return 3;
    }
    if (name.equals("aes128-gcm@openssh.com")) {
      return 0;
    }
    return name.contains("gcm") ? 1 : 2;
  }

  public ClientSession connect(TargetEndpoint target, Duration connectTimeout, Duration authTimeout)
      throws TargetUnavailableException {
    PinnedHostKeyVerifier.MismatchSink context =
        new PinnedHostKeyVerifier.MismatchSink(target.hostKeyPin());
    ClientSession session = null;
    try {
      session =
          client
              .connect(target.username(), target.host(), target.port(), context)
              .verify(connectTimeout)
              .getSession();
      if (target.credential() instanceof TargetCredential.Password password) {
        session.addPasswordIdentity(password.password());
      } else if (target.credential() instanceof TargetCredential.PrivateKey key) {
        session.addPublicKeyIdentity(key.keyPair());
      }
      session.auth().verify(authTimeout);
      return session;
    } catch (IOException | RuntimeException e) {
      if (session != null) {
        session.close(true);
      }
      String mismatch = context.mismatch;
      if (mismatch == null && session != null) {
        mismatch = session.getAttribute(PinnedHostKeyVerifier.MISMATCH);
      }
      if (mismatch != null) {
        throw new TargetUnavailableException(mismatch, e);
      }
      String message =
          "cannot log in to target "
              + target.username()
              + "@"
              + target.address()
              + ": "
              + e.getMessage();
      LOG.warning(message);
      throw new TargetUnavailableException(message, e);
    }
  }

  @Override
  public void close() throws IOException {
    client.stop();
  }
}
