package io.gatehouse.ssh.relay;

import java.io.IOException;
import java.util.Collections;
import org.apache.sshd.client.channel.AsyncCapableClientChannel;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.LocalWindow;
import org.apache.sshd.common.channel.StreamingChannel;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * The target leg of a transfer channel: a MINA client channel (sftp subsystem or exec) whose data
 * is handed to a {@link Sink} as it arrives, on MINA's I/O thread, instead of into a piped stream
 * that a thread must drain. Its window ({@link Channel#getLocalWindow()}) is reopened by the sink,
 * only once the bytes were passed on. Data to the target goes through the channel's asynchronous
 * input ({@link ClientChannel#getAsyncIn()}).
 */
final class TransferTarget {

  /** Where the target's output goes. */
  interface Sink {
    /** Output (stdout, or stderr when {@code stderr}) of {@code channel}; copy what is kept. */
    void data(Channel channel, byte[] bytes, int off, int len, boolean stderr) throws IOException;

    /** The target sent EOF. */
    void eof();
  }

  /** What both kinds of target channel offer the relay. */
  interface Channel extends ClientChannel {
    /** Sends EOF to the target (the client's input ended). */
    void sendEofToTarget() throws IOException;

    LocalWindow getLocalWindow();
  }

  private TransferTarget() {}

  /** An sftp (or other) subsystem channel on {@code target}, registered, not yet opened. */
  static Channel subsystem(ClientSession target, String name, Sink sink) throws IOException {
    return register(target, new Subsystem(name, sink));
  }

  /** An exec channel on {@code target}, registered, not yet opened. */
  static Exec exec(ClientSession target, String commandLine, Sink sink) throws IOException {
    return register(target, new Exec(commandLine, sink));
  }

  /**
   * A {@code direct-tcpip} channel on {@code target} to the request's destination, registered, not
   * yet opened; the client's originator is passed on as the target's originator.
   */
  static Channel directTcpip(ClientSession target, ForwardRequest request, Sink sink)
      throws IOException {
    return register(
        target,
        new DirectTcpip(
            new SshdSocketAddress(request.originatorHost(), request.originatorPort()),
            new SshdSocketAddress(request.host(), request.port()),
            sink));
  }

  /**
   * A {@code forwarded-tcpip} channel to the client on its gateway session, for a connection the
   * target accepted on a remote forward's listener: the listener's address and the originator the
   * target reported. Registered, not yet opened.
   */
  static Channel forwardedTcpip(Session gateway, ForwardRequest request, Sink sink)
      throws IOException {
    return register(
        gateway,
        new DirectTcpip(
            "forwarded-tcpip",
            new SshdSocketAddress(request.originatorHost(), request.originatorPort()),
            new SshdSocketAddress(request.host(), request.port()),
            sink));
  }

  /**
   * An {@code auth-agent@openssh.com} channel to the client on its gateway session, for an agent
   * connection the target opened. Registered, not yet opened.
   */
  static Channel agent(Session gateway, Sink sink) throws IOException {
    return register(gateway, new Agent(sink));
  }

  private static <C extends ClientChannel> C register(Session session, C channel)
      throws IOException {
    channel.setStreaming(StreamingChannel.Streaming.Async);
    ConnectionService service = session.getService(ConnectionService.class);
    if (service == null) {
      throw new IOException("session " + session + " has no connection service");
    }
    service.registerChannel(channel);
    return channel;
  }

  static final class Subsystem extends ChannelSubsystem implements Channel {
    private final Sink sink;

    Subsystem(String name, Sink sink) {
      super(name);
      this.sink = sink;
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
      sink.data(this, data, off, (int) len, false);
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
      sink.data(this, data, off, (int) len, true);
    }

    @Override
    public void handleEof() throws IOException {
      super.handleEof();
      sink.eof();
    }

    @Override
    public void sendEofToTarget() throws IOException {
      sendEof();
    }
  }

  /**
   * A {@code direct-tcpip} channel, or (with that type) a {@code forwarded-tcpip} one: both open
   * with an address and an originator, in that order.
   */
  static final class DirectTcpip extends ChannelDirectTcpip implements Channel {
    private final String type;
    private final Sink sink;

    DirectTcpip(SshdSocketAddress originator, SshdSocketAddress destination, Sink sink) {
      this("direct-tcpip", originator, destination, sink);
    }

    DirectTcpip(
        String type, SshdSocketAddress originator, SshdSocketAddress destination, Sink sink) {
      super(originator, destination);
      this.type = type;
      this.sink = sink;
    }

    @Override
    public String getChannelType() {
      return type;
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
      sink.data(this, data, off, (int) len, false);
    }

    @Override
    public void handleEof() throws IOException {
      super.handleEof();
      sink.eof();
    }

    @Override
    public void sendEofToTarget() throws IOException {
      sendEof();
    }
  }

  /** An agent channel: opened with no data beyond the channel's own. */
  static final class Agent extends AsyncCapableClientChannel implements Channel {
    private final Sink sink;

    Agent(Sink sink) {
      super("auth-agent@openssh.com", false);
      this.sink = sink;
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
      sink.data(this, data, off, (int) len, false);
    }

    @Override
    public void handleEof() throws IOException {
      super.handleEof();
      sink.eof();
    }

    @Override
    public void sendEofToTarget() throws IOException {
      sendEof();
    }
  }

  static final class Exec extends ChannelExec implements Channel {
    private final Sink sink;

    Exec(String commandLine, Sink sink) {
      super(commandLine, null, Collections.emptyMap());
      this.sink = sink;
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
      sink.data(this, data, off, (int) len, false);
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
      sink.data(this, data, off, (int) len, true);
    }

    @Override
    public void handleEof() throws IOException {
      super.handleEof();
      sink.eof();
    }

    @Override
    public void sendEofToTarget() throws IOException {
      sendEof();
    }
  }
}
