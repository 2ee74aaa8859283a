package io.gatehouse.ssh.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.ssh.relay.HostKeyPin;
import io.gatehouse.ssh.relay.TargetCredential;
import io.gatehouse.ssh.relay.TargetEndpoint;
import io.gatehouse.ssh.server.GatewaySshProperties;
import io.gatehouse.ssh.testing.FreePorts;
import io.gatehouse.ssh.testing.OpenSshClient;
import io.gatehouse.ssh.testing.SshdTestTarget;
import io.gatehouse.ssh.testing.TestGateway;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real OpenSSH on both ends: the {@code ssh}, {@code scp} and {@code sftp} clients talk to the
 * in-process gateway, which relays to a real sshd.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenSshEndToEndTest {

  private static SshdTestTarget sshd;
  private static TestGateway gateway;
  private static OpenSshClient client;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    sshd = SshdTestTarget.start();
    TargetEndpoint target1 =
        new TargetEndpoint(
            "127.0.0.1",
            sshd.port(),
            SshdTestTarget.USER,
            TargetCredential.keyPair(sshd.clientKey()),
            sshd.hostKeyPin());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    HostKeyPin otherKey = HostKeyPin.of(generator.generateKeyPair().getPublic());
    TargetEndpoint wrongPin =
        new TargetEndpoint(
            "127.0.0.1", sshd.port(), SshdTestTarget.USER, target1.credential(), otherKey);
    gateway =
        new TestGateway(work.resolve("hostkeys"), Map.of("target1", target1, "wrongpin", wrongPin));
    client = new OpenSshClient(work, gateway.port(), TestGateway.TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void execEchoesHello() throws Exception {
    OpenSshClient.Run run = client.ssh("target1", "echo hello");
    assertEquals(0, run.exit(), run::toString);
    assertEquals("hello\n", run.out(), run::toString);
  }

  /** The token typed at a keyboard-interactive prompt, as OpenSSH asks when password is off. */
  @Test
  void keyboardInteractiveTakesTheTokenFromTheRealClient() throws Exception {
    List<String> kbd =
        List.of(
            "-o",
            "PasswordAuthentication=no",
            "-o",
            "KbdInteractiveAuthentication=yes",
            "-o",
            "LogLevel=DEBUG1");
    OpenSshClient.Run run = client.ssh("target1", kbd, null, "echo", "kbd-ok");
    assertEquals(0, run.exit(), run::toString);
    assertEquals("kbd-ok\n", run.out(), run::toString);
    assertTrue(
        run.err().contains("Authenticated to") && run.err().contains("keyboard-interactive"),
        "authenticated by keyboard-interactive, not password: " + run.err());
  }

  @Test
  void execRunsAsTheTargetLogin() throws Exception {
    OpenSshClient.Run run = client.ssh("target1", "id -un");
    assertEquals(SshdTestTarget.USER + "\n", run.out(), run::toString);
  }

  @Test
  void blockedCommandIsDeniedWithTheRuleMessage() throws Exception {
    OpenSshClient.Run run = client.ssh("target1", "rm -rf /tmp/x");
    assertNotEquals(0, run.exit(), run::toString);
    assertTrue(run.err().contains(TestGateway.RM_RF_MESSAGE), run::toString);
    assertEquals("", run.out(), run::toString);
  }

  @Test
  void evasionIsDeniedToo() throws Exception {
    OpenSshClient.Run run = client.ssh("target1", "true && bash -c \"r''m -rf /tmp/x\"");
    assertTrue(run.err().contains(TestGateway.RM_RF_MESSAGE), run::toString);
    OpenSshClient.Run dynamic = client.ssh("target1", "$(echo rm) -rf /tmp/x");
    assertTrue(dynamic.err().contains("cannot check this command"), dynamic::toString);
  }

  @Test
  void exitStatusIsPropagated() throws Exception {
    OpenSshClient.Run run = client.ssh("target1", "exit 3");
    assertEquals(3, run.exit(), run::toString);
  }

  @Test
  void stderrAndStdinAreRelayed() throws Exception {
    Path input = work.resolve("stdin.txt");
    Files.writeString(input, "line one\nline two\n");
    OpenSshClient.Run run =
        client.ssh("target1", List.of("-o", "LogLevel=ERROR"), input, "wc -l; echo oops >&2");
    assertEquals("2\n", run.out(), run::toString);
    assertEquals("oops\n", run.err(), run::toString);
  }

  @Test
  void scpUploadsAndDownloadsOneMegabyte() throws Exception {
    byte[] data = new byte[1024 * 1024];
    new Random(42).nextBytes(data);
    Path local = work.resolve("up.bin");
    Files.write(local, data);
    String remote = "/tmp/gatehouse-e2e-" + UUID.randomUUID() + ".bin";
    for (List<String> mode : List.of(List.<String>of(), List.of("-O"))) {
      OpenSshClient.Run up = client.scp(mode, local.toString(), "target1@127.0.0.1:" + remote);
      assertEquals(0, up.exit(), () -> "upload " + mode + ": " + up);
      Path back = work.resolve("down-" + mode.size() + ".bin");
      OpenSshClient.Run down = client.scp(mode, "target1@127.0.0.1:" + remote, back.toString());
      assertEquals(0, down.exit(), () -> "download " + mode + ": " + down);
      assertArrayEquals(data, Files.readAllBytes(back), "content after round trip " + mode);
    }
    client.ssh("target1", "rm -f " + remote);
  }

  @Test
  void sftpBatchPutsListsAndGets() throws Exception {
    Path local = work.resolve("sftp-up.txt");
    Files.writeString(local, "sftp through the gateway\n");
    String remoteDir = "/tmp/gatehouse-sftp-" + UUID.randomUUID();
    Path back = work.resolve("sftp-down.txt");
    Path batch = work.resolve("batch.txt");
    Files.writeString(
        batch,
        String.join(
            "\n",
            "mkdir " + remoteDir,
            "cd " + remoteDir,
            "put " + local + " file.txt",
            "ls -l",
            "get file.txt " + back,
            "rm file.txt",
            "rmdir " + remoteDir,
            ""));
    OpenSshClient.Run run = client.sftpBatch("target1", batch);
    assertEquals(0, run.exit(), run::toString);
    assertTrue(run.out().contains("file.txt"), run::toString);
    assertEquals(Files.readString(local), Files.readString(back));
  }

  @Test
  void wrongTargetHostKeyIsRefusedWithAClearMessage() throws Exception {
    OpenSshClient.Run run = client.ssh("wrongpin", "echo hello");
    assertEquals(255, run.exit(), run::toString);
    assertTrue(run.err().contains("does not match the pinned key"), run::toString);
    assertEquals("", run.out(), run::toString);
  }

  @Test
  void wrongPasswordIsRefused() throws Exception {
    OpenSshClient wrong = new OpenSshClient(work, gateway.port(), "bad-token");
    OpenSshClient.Run run = wrong.ssh("target1", "echo hello");
    assertEquals(255, run.exit(), run::toString);
    assertTrue(run.err().contains("Permission denied"), run::toString);
  }

  @Test
  void repeatedWrongTokensBlockTheSourceWithAClearReason() throws Exception {
    TargetEndpoint target1 =
        new TargetEndpoint(
            "127.0.0.1",
            sshd.port(),
            SshdTestTarget.USER,
            TargetCredential.keyPair(sshd.clientKey()),
            sshd.hostKeyPin());
    try (TestGateway strict =
        new TestGateway(
            work.resolve("hostkeys-strict"),
            Map.of("target1", target1),
            null,
            b -> b.property(GatewaySshProperties.AUTH_FAILURE_BURST, 1))) {
      OpenSshClient wrong = new OpenSshClient(work, strict.port(), "bad-token");
      assertEquals(255, wrong.ssh("target1", "true").exit());
      OpenSshClient right = new OpenSshClient(work, strict.port(), TestGateway.TOKEN);
      OpenSshClient.Run run = right.ssh("target1", "echo hello");
      assertEquals(255, run.exit(), run::toString);
      assertTrue(run.err().contains("too many failed authentication attempts"), run::toString);
    }
  }

  /**
   * The real client, offered only legacy algorithms, finds nothing in common with the gateway. The
   * message is the client's negotiation failure ("no matching … found. Their offer: …"), so an
   * option this client could not even parse would fail the test rather than pass it.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Ciphers=aes128-cbc,aes192-cbc,aes256-cbc,3des-cbc | no matching cipher found",
        "KexAlgorithms=diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,"
            + "diffie-hellman-group-exchange-sha1 | no matching key exchange method found",
        "MACs=hmac-sha1,hmac-sha1-96,hmac-md5,hmac-sha1-etm@openssh.com | no matching MAC found",
        "HostKeyAlgorithms=ssh-rsa,ssh-dss | no matching host key type found"
      })
  void legacyAlgorithmsFindNothingInCommonWithTheRealClient(String option, String expected)
      throws Exception {
    List<String> options = new java.util.ArrayList<>(List.of("-o", option.strip()));
    if (option.startsWith("MACs")) {
      options.addAll(List.of("-o", "Ciphers=aes128-ctr")); // a cipher that uses a MAC
    }
    OpenSshClient.Run run = client.ssh("target1", options, null, "echo", "hello");
    assertEquals(255, run.exit(), run::toString);
    assertTrue(run.err().contains(expected.strip() + ". Their offer:"), run::toString);
    assertFalse(run.out().contains("hello"), run::toString);
  }

  /** {@code ssh -R}: the gateway never listens on a client's behalf. */
  @Test
  void remotePortForwardingIsRefused() throws Exception {
    int port = FreePorts.next();
    OpenSshClient.Run run =
        client.ssh(
            "target1",
            List.of(
                "-N",
                "-o",
                "ExitOnForwardFailure=yes",
                "-R",
                "127.0.0.1:" + port + ":127.0.0.1:" + sshd.port()),
            null);
    assertEquals(255, run.exit(), run::toString);
    assertTrue(
        run.err().contains("remote port forwarding failed for listen port " + port), run::toString);
    try (Socket nobody = new Socket()) {
      assertThrows(
          java.io.IOException.class,
          () -> nobody.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000),
          "nothing listens on the requested port");
    }
  }

  @Test
  void stdioForwardingIsRefused() throws Exception {
    OpenSshClient.Run run = client.ssh("target1", List.of("-W", "127.0.0.1:" + sshd.port()), null);
    assertEquals(255, run.exit(), run::toString);
    assertTrue(run.err().contains("administratively prohibited"), run::toString);
  }

  @Test
  void localPortForwardingIsRefused() throws Exception {
    int local = FreePorts.next();
    Path stderr = work.resolve("forward-" + local + ".err");
    Process ssh =
        client.startSsh(
            "target1",
            List.of("-N", "-o", "LogLevel=VERBOSE", "-L", local + ":127.0.0.1:" + sshd.port()),
            stderr);
    try {
      Socket socket = connectWithin(local, 20_000);
      socket.setSoTimeout(15_000);
      try (socket;
          InputStream in = socket.getInputStream()) {
        assertEquals(-1, in.read(), "a refused forward closes the connection without data");
      }
      long deadline = System.currentTimeMillis() + 10_000;
      while (!Files.readString(stderr).contains("administratively prohibited")
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(
          Files.readString(stderr).contains("administratively prohibited"),
          Files.readString(stderr));
    } finally {
      ssh.destroy();
      if (!ssh.waitFor(10, TimeUnit.SECONDS)) {
        ssh.destroyForcibly();
      }
    }
  }

  @Test
  void interactiveShellGetsAPtyWithTheClientsTerminal() throws Exception {
    Path input = work.resolve("shell-input.txt");
    Files.writeString(input, "echo term=$TERM; tty >/dev/null && echo has-tty; exit 7\n");
    OpenSshClient.Run run = client.ssh("target1", List.of("-tt", "-o", "LogLevel=ERROR"), input);
    assertEquals(7, run.exit(), run::toString);
    assertTrue(run.out().contains("has-tty"), run::toString);
    assertTrue(run.out().contains("term=xterm-256color"), run::toString);
  }

  private static Socket connectWithin(int port, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    while (true) {
      try {
        return new Socket(InetAddress.getLoopbackAddress(), port);
      } catch (java.io.IOException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
