package io.gatehouse.ssh.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.apache.sshd.common.Property;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The gateway's SSH listener: a started MINA {@link SshServer}, closed with {@link #close()}. Build
 * one with {@link #builder()}.
 */
public final class GatewaySshServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(GatewaySshServer.class.getName());

  private final SshServer server;
  private final PublicKey hostKey;

  private GatewaySshServer(SshServer server, PublicKey hostKey) {
    this.server = server;
    this.hostKey = hostKey;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The bound port (useful when started on port 0). */
  public int port() {
    for (SocketAddress address : server.getBoundAddresses()) {
      if (address instanceof InetSocketAddress inet) {
        return inet.getPort();
      }
    }
    return server.getPort();
  }

  public PublicKey hostKey() {
    return hostKey;
  }

  public String hostKeyFingerprint() {
    return HostKeys.fingerprint(hostKey);
  }

  public boolean isOpen() {
    return server.isOpen();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
    LOG.info(() -> "SSH listener on port " + server.getPort() + " stopped");
  }

  /** Settings of a listener; {@link #start()} builds and binds it. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 2222;
    private Path hostKeyDirectory;
    private GatewayAuthenticator authenticator;
    private SessionHandlers handlers = SessionHandlers.none();
    private ForwardingFilter forwardingFilter = new SessionForwardingFilter();
    private final List<Consumer<SshServer>> settings = new ArrayList<>();

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder hostKeyDirectory(Path directory) {
      this.hostKeyDirectory = directory;
      return this;
    }

    public Builder authenticator(GatewayAuthenticator authenticator) {
      this.authenticator = authenticator;
      return this;
    }

    public Builder handlers(SessionHandlers handlers) {
      this.handlers = handlers;
      return this;
    }

    /** Replaces the default {@link SessionForwardingFilter} (which refuses unless granted). */
    public Builder forwardingFilter(ForwardingFilter filter) {
      this.forwardingFilter = filter;
      return this;
    }

    public <T> Builder property(Property<T> property, T value) {
      settings.add(server -> property.set(server, value));
      return this;
    }

    public GatewaySshServer start() throws IOException {
      Objects.requireNonNull(hostKeyDirectory, "hostKeyDirectory");
      Objects.requireNonNull(authenticator, "authenticator");
      SshServer server =
          ServerBuilder.builder()
              .keyExchangeFactories(ModernAlgorithms.serverKeyExchanges())
              .cipherFactories(ModernAlgorithms.ciphers())
              .macFactories(ModernAlgorithms.macs())
              .signatureFactories(ModernAlgorithms.signatures())
              .forwardingFilter(forwardingFilter)
              .build();
      // One I/O group with the target clients: see SharedIoGroup.
      server.setIoServiceFactoryFactory(SharedIoGroup.factoryFactory());
      server.setChannelFactories(
          LimitedSessionChannels.replacing(
              server.getChannelFactories(), handlers.localForwards(), handlers.agentForwarding()));
      // One handler answers every global request, in order (see OrderedGlobalRequests); the
      // gateway's tcpip-forward handler comes before MINA's own (which would listen on the gateway
      // host, and which the forwarding filter refuses), so that one is never reached.
      server.setGlobalRequestHandlers(
          List.of(
              new OrderedGlobalRequests(
                  handlers.remoteForwards(), server.getGlobalRequestHandlers())));
      // As OpenSSH does on every connection: without it, small messages (sftp requests and
      // status replies, window adjustments) wait behind Nagle for the peer's delayed ACK.
      CoreModuleProperties.TCP_NODELAY.set(server, true);
      settings.forEach(setting -> setting.accept(server));
      CoreModuleProperties.SERVER_IDENTIFICATION.set(server, "Gatehouse");
      CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, 10);
      server.setHost(host);
      server.setPort(port);
      SimpleGeneratorHostKeyProvider keys = HostKeys.provider(hostKeyDirectory);
      server.setKeyPairProvider(keys);
      AuthFailureLimiter limiter =
          new AuthFailureLimiter(
              GatewaySshProperties.AUTH_FAILURE_BURST.getRequired(server),
              GatewaySshProperties.AUTH_FAILURE_REFILL.getRequired(server));
      GatewayUserAuthenticator auth = new GatewayUserAuthenticator(authenticator, limiter);
      server.setPasswordAuthenticator(auth);
      server.setPublickeyAuthenticator(auth);
      server.setKeyboardInteractiveAuthenticator(DefaultKeyboardInteractiveAuthenticator.INSTANCE);
      // MINA's default order, with public keys admitted only once their signature is verified.
      server.setUserAuthFactories(
          List.of(
              UserAuthPasswordFactory.INSTANCE,
              UserAuthKeyboardInteractiveFactory.INSTANCE,
              new VerifiedKeyAuth.Factory(auth)));
      server.setCommandFactory(handlers.commands());
      server.setShellFactory(handlers.shell());
      server.setSubsystemFactories(handlers.subsystems());
      PublicKey hostKey = loadHostKey(keys);
      server.start();
      GatewaySshServer started = new GatewaySshServer(server, hostKey);
      LOG.info(
          () ->
              "SSH listener on "
                  + host
                  + ":"
                  + started.port()
                  + ", host key "
                  + started.hostKeyFingerprint());
      return started;
    }

    private static PublicKey loadHostKey(SimpleGeneratorHostKeyProvider keys) throws IOException {
      for (KeyPair pair : keys.loadKeys(null)) {
        return pair.getPublic();
      }
      throw new IOException("no host key available");
    }
  }
}
