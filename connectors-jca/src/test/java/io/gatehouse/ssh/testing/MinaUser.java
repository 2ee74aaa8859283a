package io.gatehouse.ssh.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/** A MINA SSHD client playing the user, for in-process tests. */
public final class MinaUser implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final SshClient client;

  public MinaUser() {
    this(SshClient.setUpDefaultClient());
  }

  public MinaUser(SshClient client) {
    this.client = client;
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
  }

  public SshClient client() {
    return client;
  }

  public ClientSession login(int port, String user, String password) throws IOException {
    ClientSession session = client.connect(user, "127.0.0.1", port).verify(TIMEOUT).getSession();
    session.addPasswordIdentity(password);
    session.auth().verify(TIMEOUT);
    return session;
  }

  /** What an exec produced. */
  public record Result(Integer exit, byte[] out, String err) {
    public String outText() {
      return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  public static Result exec(ClientSession session, String command, byte[] stdin)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ChannelExec channel = session.createExecChannel(command)) {
      channel.setOut(out);
      channel.setErr(err);
      channel.setIn(new ByteArrayInputStream(stdin));
      channel.open().verify(TIMEOUT);
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(60));
      return new Result(channel.getExitStatus(), out.toByteArray(), err.toString());
    }
  }

  @Override
  public void close() throws IOException {
    client.stop();
  }
}
