package io.gatehouse.ssh.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.session.ServerSession;

/**
 * SPI: watches every relayed channel (recording, masking). {@link #open} is called when a channel
 * starts, before the guard decides; what it returns sees the decision, may wrap the client's
 * streams, and hears the exit status.
 */
@FunctionalInterface
public interface ChannelMonitor {

  /** The status {@link ChannelAudit#exited} hears when the channel closed without one. */
  int NO_EXIT_STATUS = -1;

  /**
   * @param request what the guard will be asked, or null for an interactive shell
   * @throws IOException when the channel cannot be watched as required (it is then refused)
   */
  ChannelAudit open(ServerSession session, GuardRequest request, Environment env)
      throws IOException;

  static ChannelMonitor none() {
    return (session, request, env) -> new ChannelAudit() {};
  }

  /** One channel's watcher; every method has a pass-through default. */
  interface ChannelAudit {

    /** The recorded session this channel belongs to, or null when none is known. */
    default String sessionId() {
      return null;
    }

    /**
     * The guard's decision, before anything reaches the target.
     *
     * @throws IOException when it cannot be recorded durably: the request is then refused
     */
    default void decided(GuardRequest request, Decision decision) throws IOException {}

    /** The target's stdout on its way to the client. */
    default OutputStream output(OutputStream toClient) {
      return toClient;
    }

    /** The target's stderr on its way to the client. */
    default OutputStream error(OutputStream toClient) {
      return toClient;
    }

    /** The client's input on its way to the target. */
    default InputStream input(InputStream fromClient) {
      return fromClient;
    }

    /**
     * For a file-transfer channel ({@link GuardRequest#isFileTransfer()}), which is relayed without
     * streams: what watches its bytes as they pass. The streams above are not used for such a
     * channel.
     */
    default TransferWatch transferWatch() {
      return new TransferWatch() {};
    }

    /**
     * The channel ended with {@code status} ({@link #NO_EXIT_STATUS} when closed without one); held
     * output must be released before this returns.
     */
    default void exited(int status) {}
  }

  /**
   * Sees the bytes of a file-transfer channel as they pass, in order per direction, on MINA's I/O
   * threads; it cannot change or hold them. An exception closes the channel (the transfer could not
   * be followed as required).
   */
  interface TransferWatch {
    default void fromClient(byte[] bytes, int off, int len) throws IOException {}

    default void toClient(byte[] bytes, int off, int len) throws IOException {}
  }
}
