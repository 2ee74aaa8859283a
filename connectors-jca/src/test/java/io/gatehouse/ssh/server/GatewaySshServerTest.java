package io.gatehouse.ssh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.ssh.testing.MinaUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewaySshServerTest {

  private static final String TOKEN = "good-token";

  @TempDir Path dir;

  private static final KeyPair USER_KEY = generate();

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final GatewayAuthenticator AUTHENTICATOR =
      new GatewayAuthenticator() {
        @Override
        public AuthResult authenticatePassword(
            String connection, String password, SocketAddress c) {
          if ("target2".equals(connection) && TOKEN.equals(password)) {
            return AuthResult.refuse("alice has no access to target2");
          }
          return "target1".equals(connection) && TOKEN.equals(password)
              ? AuthResult.accept("alice")
              : AuthResult.reject("bad token");
        }

        @Override
        public AuthResult authenticatePublicKey(String connection, PublicKey key, SocketAddress c) {
          return key.equals(USER_KEY.getPublic())
              ? AuthResult.accept("bob")
              : AuthResult.reject("unknown key");
        }
      };

  private GatewaySshServer start(Consumer<GatewaySshServer.Builder> extra) throws IOException {
    GatewaySshServer.Builder builder =
        GatewaySshServer.builder()
            .host("127.0.0.1")
            .port(0)
            .hostKeyDirectory(dir.resolve("keys"))
            .authenticator(AUTHENTICATOR);
    extra.accept(builder);
    return builder.start();
  }

  @Test
  void hostKeyIsGeneratedOnceAndReused() throws Exception {
    String first;
    try (GatewaySshServer server = start(b -> {})) {
      first = server.hostKeyFingerprint();
      assertTrue(first.startsWith("SHA256:"), first);
    }
    assertTrue(Files.exists(dir.resolve("keys").resolve(HostKeys.HOST_KEY_FILE)));
    try (GatewaySshServer server = start(b -> {})) {
      assertEquals(first, server.hostKeyFingerprint(), "fingerprint stable across restarts");
    }
  }

  @Test
  void passwordAndKeyboardInteractiveAndPublicKeyAuthenticate() throws Exception {
    try (GatewaySshServer server = start(b -> {});
        MinaUser user = new MinaUser()) {
      try (ClientSession session = user.login(server.port(), "target1", TOKEN)) {
        assertTrue(session.isAuthenticated());
      }
      assertThrows(IOException.class, () -> user.login(server.port(), "target1", "bad"));
      assertThrows(IOException.class, () -> user.login(server.port(), "other", TOKEN));
    }
    SshClient interactive = SshClient.setUpDefaultClient();
    interactive.setUserAuthFactories(List.of(UserAuthKeyboardInteractiveFactory.INSTANCE));
    try (GatewaySshServer server = start(b -> {});
        MinaUser user = new MinaUser(interactive);
        ClientSession session = user.login(server.port(), "target1", TOKEN)) {
      assertTrue(session.isAuthenticated(), "keyboard-interactive delegates to the password path");
    }
    SshClient keys = SshClient.setUpDefaultClient();
    keys.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    try (GatewaySshServer server = start(b -> {});
        MinaUser user = new MinaUser(keys)) {
      ClientSession session =
          keys.connect("target1", "127.0.0.1", server.port()).verify(MinaUser.TIMEOUT).getSession();
      session.addPublicKeyIdentity(USER_KEY);
      session.auth().verify(MinaUser.TIMEOUT);
      assertTrue(session.isAuthenticated());
      session.close(true);
    }
  }

  /** Counts the key checks and admissions, and lets only USER_KEY's public half through. */
  private static class KeyAdmissions implements GatewayAuthenticator {
    final java.util.concurrent.atomic.AtomicInteger checks =
        new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger admitted =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public AuthResult authenticatePassword(String connection, String password, SocketAddress c) {
      return AuthResult.reject("no passwords here");
    }

    @Override
    public AuthResult authenticatePublicKey(String connection, PublicKey key, SocketAddress c) {
      checks.incrementAndGet();
      return key.equals(USER_KEY.getPublic())
          ? AuthResult.accept("bob")
          : AuthResult.reject("unknown key");
    }

    @Override
    public AuthResult admitPublicKey(
        String connection, PublicKey key, SocketAddress c, AuthResult checked) {
      admitted.incrementAndGet();
      return AuthResult.accept(checked.identity(), s -> {});
    }
  }

  private static ClientSession keyLogin(SshClient client, int port, KeyPair key)
      throws IOException {
    ClientSession session =
        client.connect("target1", "127.0.0.1", port).verify(MinaUser.TIMEOUT).getSession();
    session.addPublicKeyIdentity(key);
    session.auth().verify(MinaUser.TIMEOUT);
    return session;
  }

  @Test
  void aPublicKeyIsAdmittedOnlyOnceItsSignatureIsVerified() throws Exception {
    KeyAdmissions auth = new KeyAdmissions();
    // The registered public key with someone else's private key: the probe is answered with
    // PK_OK, the signature cannot verify.
    KeyPair impostor = new KeyPair(USER_KEY.getPublic(), generate().getPrivate());
    SshClient keys = SshClient.setUpDefaultClient();
    keys.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    try (GatewaySshServer server = start(b -> b.authenticator(auth));
        MinaUser user = new MinaUser(keys)) {
      assertThrows(IOException.class, () -> keyLogin(keys, server.port(), impostor));
      assertTrue(auth.checks.get() >= 1, "the key was checked: " + auth.checks);
      assertEquals(0, auth.admitted.get(), "no session for a public key without its private key");

      assertThrows(IOException.class, () -> keyLogin(keys, server.port(), generate()));
      assertEquals(0, auth.admitted.get(), "nor for an unregistered key");

      try (ClientSession session = keyLogin(keys, server.port(), USER_KEY)) {
        assertTrue(session.isAuthenticated());
        assertEquals(1, auth.admitted.get(), "the proven key is admitted once");
      }
    }
  }

  @Test
  void aSecurityKeyLogsInOnlyWithTheUserPresenceFlag() throws Exception {
    KeyPair ed25519 =
        org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair(
            org.apache.sshd.common.keyprovider.KeyPairProvider.SSH_ED25519, 256);
    SoftwareSecurityKeyAuth touched =
        new SoftwareSecurityKeyAuth(ed25519, "ssh:", SoftwareSecurityKeyAuth.USER_PRESENT);
    String registered =
        org.apache.sshd.common.config.keys.PublicKeyEntry.toString(touched.publicKey());
    assertTrue(registered.startsWith("sk-ssh-ed25519@openssh.com "), registered);
    java.util.List<String> offered = new java.util.concurrent.CopyOnWriteArrayList<>();
    KeyAdmissions auth =
        new KeyAdmissions() {
          @Override
          public AuthResult authenticatePublicKey(
              String connection, PublicKey key, SocketAddress c) {
            String line = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(key);
            offered.add(line);
            return line.equals(registered)
                ? AuthResult.accept("sally")
                : AuthResult.reject("unknown key");
          }
        };
    try (GatewaySshServer server = start(b -> b.authenticator(auth))) {
      SshClient untouched = SshClient.setUpDefaultClient();
      untouched.setUserAuthFactories(
          List.of(
              new SoftwareSecurityKeyAuth.Factory(
                  new SoftwareSecurityKeyAuth(ed25519, "ssh:", (byte) 0))));
      try (MinaUser user = new MinaUser(untouched)) {
        ClientSession session =
            untouched
                .connect("target1", "127.0.0.1", server.port())
                .verify(MinaUser.TIMEOUT)
                .getSession();
        assertThrows(
            Exception.class,
            () -> session.auth().verify(MinaUser.TIMEOUT),
            "a signature without user presence is refused");
        assertEquals(0, auth.admitted.get(), "no session without the touch");
      }

      SshClient client = SshClient.setUpDefaultClient();
      client.setUserAuthFactories(List.of(new SoftwareSecurityKeyAuth.Factory(touched)));
      try (MinaUser user = new MinaUser(client);
          ClientSession session =
              client
                  .connect("target1", "127.0.0.1", server.port())
                  .verify(MinaUser.TIMEOUT)
                  .getSession()) {
        session.auth().verify(MinaUser.TIMEOUT);
        assertTrue(session.isAuthenticated(), "the touched security key logs in");
        assertEquals(1, auth.admitted.get(), "admitted once its signature verified");
        assertEquals(registered, offered.get(offered.size() - 1), "looked up as registered");
      }
    }
  }

  @Test
  void forgedKeySignaturesCountAsFailedAttempts() throws Exception {
    KeyPair impostor = new KeyPair(USER_KEY.getPublic(), generate().getPrivate());
    SshClient keys = SshClient.setUpDefaultClient();
    keys.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    try (GatewaySshServer server =
            start(
                b ->
                    b.authenticator(new KeyAdmissions())
                        .property(GatewaySshProperties.AUTH_FAILURE_BURST, 2)
                        .property(
                            GatewaySshProperties.AUTH_FAILURE_REFILL, Duration.ofMinutes(5)));
        MinaUser user = new MinaUser(keys)) {
      assertThrows(IOException.class, () -> keyLogin(keys, server.port(), impostor));
      assertThrows(IOException.class, () -> keyLogin(keys, server.port(), impostor));
      assertThrows(
          IOException.class,
          () -> keyLogin(keys, server.port(), USER_KEY),
          "blocked after two forged signatures, even with the right key");
    }
  }

  @Test
  void repeatedFailuresBlockTheSourceEvenForAGoodToken() throws Exception {
    try (GatewaySshServer server =
            start(
                b ->
                    b.property(GatewaySshProperties.AUTH_FAILURE_BURST, 2)
                        .property(
                            GatewaySshProperties.AUTH_FAILURE_REFILL, Duration.ofMinutes(5)));
        MinaUser user = new MinaUser()) {
      AtomicReference<String> disconnect = new AtomicReference<>("");
      user.client()
          .addSessionListener(
              new SessionListener() {
                @Override
                public void sessionDisconnect(
                    Session s, int reason, String msg, String lang, boolean initiator) {
                  disconnect.set(msg);
                }
              });
      assertThrows(IOException.class, () -> user.login(server.port(), "target1", "guess-1"));
      assertThrows(IOException.class, () -> user.login(server.port(), "target1", "guess-2"));
      assertThrows(IOException.class, () -> user.login(server.port(), "target1", TOKEN));
      assertTrue(
          disconnect.get().contains("too many failed authentication attempts"), disconnect.get());
    }
  }

  @Test
  void refusalsOfAValidTokenAreNotCountedAsGuesses() throws Exception {
    try (GatewaySshServer server =
            start(
                b ->
                    b.property(GatewaySshProperties.AUTH_FAILURE_BURST, 2)
                        .property(
                            GatewaySshProperties.AUTH_FAILURE_REFILL, Duration.ofMinutes(5)));
        MinaUser user = new MinaUser()) {
      for (int i = 0; i < 4; i++) {
        assertThrows(IOException.class, () -> user.login(server.port(), "target2", TOKEN));
      }
      user.login(server.port(), "target1", TOKEN).close();
    }
  }

  @Test
  void directTcpipForwardingIsRefused() throws Exception {
    try (GatewaySshServer server = start(b -> {});
        MinaUser user = new MinaUser();
        ClientSession session = user.login(server.port(), "target1", TOKEN)) {
      var channel =
          session.createDirectTcpipChannel(
              new SshdSocketAddress("127.0.0.1", 1),
              new SshdSocketAddress("127.0.0.1", server.port()));
      assertThrows(IOException.class, () -> channel.open().verify(MinaUser.TIMEOUT));
    }
  }

  /** A shell that never reads its input and never exits: the channel stays open. */
  private static SessionHandlers idleShells() {
    return new SessionHandlers(
        null,
        channel ->
            new org.apache.sshd.server.command.AbstractCommandSupport("idle", null) {
              @Override
              public void run() {
                try {
                  Thread.sleep(60_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
        List.of());
  }

  /**
   * Like OpenSSH, the listener turns Nagle off: otherwise the small messages of a relayed file
   * transfer (sftp requests and status replies, window adjustments) wait for the peer's delayed
   * ACK, which held downloads through the gateway at a third of direct speed.
   */
  @Test
  void clientConnectionsHaveNagleOff() throws Exception {
    CompletableFuture<IoSession> io = new CompletableFuture<>();
    SessionHandlers recording =
        new SessionHandlers(
            null,
            channel -> {
              io.complete(channel.getSession().getIoSession());
              return idleShells().shell().createShell(channel);
            },
            List.of());
    int before = SharedIoGroup.users();
    try (GatewaySshServer server = start(b -> b.handlers(recording));
        MinaUser user = new MinaUser();
        ClientSession session = user.login(server.port(), "target1", TOKEN)) {
      openShell(session);
      Nio2Session socket = (Nio2Session) io.get(10, TimeUnit.SECONDS);
      assertTrue(socket.getSocket().getOption(StandardSocketOptions.TCP_NODELAY));
      assertEquals(before + 1, SharedIoGroup.users(), "the listener is on the shared I/O group");
    }
  }

  private static ChannelShell openShell(ClientSession session) throws IOException {
    ChannelShell shell = session.createShellChannel();
    shell.setUsePty(false);
    shell.setIn(new java.io.ByteArrayInputStream(new byte[0]));
    shell.open().verify(MinaUser.TIMEOUT);
    return shell;
  }

  @Test
  void aChannelOpenFloodIsRefusedChannelByChannelWithTheLimit() throws Exception {
    try (GatewaySshServer server =
            start(
                b ->
                    b.handlers(idleShells())
                        .property(GatewaySshProperties.MAX_SESSION_CHANNELS, 4));
        MinaUser user = new MinaUser();
        ClientSession session = user.login(server.port(), "target1", TOKEN)) {
      List<ChannelShell> open = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        open.add(openShell(session));
      }
      for (int i = 0; i < 20; i++) {
        IOException refused = assertThrows(IOException.class, () -> openShell(session));
        assertTrue(
            String.valueOf(refused.getMessage())
                .contains("gatehouse: at most 4 channels at once per connection"),
            refused.toString());
      }
      assertTrue(session.isOpen(), "the connection survives the flood");
      open.get(0).close(false).await(MinaUser.TIMEOUT);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      ChannelShell again = null;
      while (again == null) {
        try {
          again = openShell(session);
        } catch (IOException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(50);
        }
      }
      assertTrue(again.isOpen(), "a closed channel frees its place");
    }
  }

  @Test
  void dataBeyondTheWindowEndsTheConnectionAndSparesTheServer() throws Exception {
    try (GatewaySshServer server = start(b -> b.handlers(idleShells()));
        MinaUser user = new MinaUser();
        ClientSession session = user.login(server.port(), "target1", TOKEN)) {
      ChannelShell shell = openShell(session);
      long window = shell.getRemoteWindow().getSize();
      byte[] chunk = new byte[32 * 1024];
      long sent = 0;
      // Raw CHANNEL_DATA, ignoring the window the server granted (the shell never reads).
      while (sent < window + 4 * chunk.length && session.isOpen()) {
        Buffer buffer = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_DATA, chunk.length + 16);
        buffer.putUInt(shell.getRecipient());
        buffer.putBytes(chunk);
        try {
          session.writePacket(buffer);
        } catch (IOException e) {
          break;
        }
        sent += chunk.length;
      }
      session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), MinaUser.TIMEOUT);
      assertFalse(session.isOpen(), "a peer that overruns the window is disconnected");
      try (ClientSession next = user.login(server.port(), "target1", TOKEN)) {
        assertTrue(next.isAuthenticated(), "the server still serves others");
      }
    }
  }

  @Test
  void garbageBeforeTheBannerIsRefusedAndBounded() throws Exception {
    try (GatewaySshServer server = start(b -> {})) {
      for (byte[] garbage :
          List.of(
              "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
              new byte[256 * 1024])) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
          socket.setSoTimeout(10_000);
          OutputStream out = socket.getOutputStream();
          try {
            out.write(garbage);
            out.flush();
          } catch (IOException e) {
            // closed while writing: refused early, as it should be
          }
          byte[] all = readUntilClosed(socket.getInputStream());
          String seen = new String(all, StandardCharsets.ISO_8859_1);
          assertTrue(seen.startsWith("SSH-2.0-Gatehouse"), "the server's banner first: " + seen);
          assertTrue(all.length < 64 * 1024, "nothing else of note: " + all.length + " bytes");
        }
      }
      try (MinaUser user = new MinaUser();
          ClientSession session = user.login(server.port(), "target1", TOKEN)) {
        assertTrue(session.isAuthenticated(), "the listener is unharmed");
      }
    }
  }

  /** Reads until the server closes (bounded by the socket timeout, which fails the test). */
  private static byte[] readUntilClosed(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketException e) {
      // reset by the server: closed as well
    }
    return all.toByteArray();
  }

  /** MACs are only negotiated for non-AEAD ciphers, so MAC cases pin the cipher to CTR. */
  private static final List<NamedFactory<org.apache.sshd.common.cipher.Cipher>> CTR_ONLY =
      List.of(BuiltinCiphers.aes128ctr);

  static Stream<Arguments> legacyAlgorithms() {
    return Stream.of(
        Arguments.of(
            "kex diffie-hellman-group14-sha1",
            (Consumer<ClientBuilder>)
                b ->
                    b.keyExchangeFactories(
                        List.of(ClientBuilder.DH2KEX.apply(BuiltinDHFactories.dhg14)))),
        Arguments.of(
            "kex diffie-hellman-group1-sha1",
            (Consumer<ClientBuilder>)
                b ->
                    b.keyExchangeFactories(
                        List.of(ClientBuilder.DH2KEX.apply(BuiltinDHFactories.dhg1)))),
        Arguments.of(
            "cipher aes128-cbc",
            (Consumer<ClientBuilder>)
                b ->
                    b.cipherFactories(
                        List.<NamedFactory<org.apache.sshd.common.cipher.Cipher>>of(
                            BuiltinCiphers.aes128cbc))),
        Arguments.of(
            "mac hmac-sha1",
            (Consumer<ClientBuilder>)
                b ->
                    b.cipherFactories(CTR_ONLY)
                        .macFactories(
                            List.<NamedFactory<org.apache.sshd.common.mac.Mac>>of(
                                BuiltinMacs.hmacsha1))),
        Arguments.of(
            "mac hmac-sha2-256 (not etm)",
            (Consumer<ClientBuilder>)
                b ->
                    b.cipherFactories(CTR_ONLY)
                        .macFactories(
                            List.<NamedFactory<org.apache.sshd.common.mac.Mac>>of(
                                BuiltinMacs.hmacsha256))),
        Arguments.of(
            "host key ssh-rsa (SHA-1)",
            (Consumer<ClientBuilder>)
                b ->
                    b.signatureFactories(
                        List.<NamedFactory<org.apache.sshd.common.signature.Signature>>of(
                            BuiltinSignatures.rsa))));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource
  void legacyAlgorithms(String what, Consumer<ClientBuilder> legacy) throws Exception {
    ClientBuilder builder = ClientBuilder.builder();
    legacy.accept(builder);
    try (GatewaySshServer server = start(b -> {});
        MinaUser user = new MinaUser(builder.build())) {
      assertThrows(IOException.class, () -> user.login(server.port(), "target1", TOKEN), what);
    }
  }

  @Test
  void modernListsContainNoLegacyNames() {
    Stream.of(
            ModernAlgorithms.serverKeyExchanges().stream().map(f -> f.getName()),
            ModernAlgorithms.ciphers().stream().map(NamedFactory::getName),
            ModernAlgorithms.macs().stream().map(NamedFactory::getName),
            ModernAlgorithms.signatures().stream().map(NamedFactory::getName))
        .flatMap(s -> s)
        .forEach(
            name -> {
              assertFalse(name.matches(".*(sha1|cbc|group1[^0-9]|group14|md5|arcfour).*"), name);
              assertFalse(name.equals("ssh-rsa"), name);
            });
    assertTrue(
        ModernAlgorithms.serverKeyExchanges().stream()
            .anyMatch(f -> f.getName().equals("curve25519-sha256")));
    assertTrue(
        ModernAlgorithms.ciphers().stream()
            .anyMatch(f -> f.getName().equals("chacha20-poly1305@openssh.com")));
  }
}
