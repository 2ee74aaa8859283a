package io.gatehouse.ssh.relay;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.Signal;

/**
 * Signals to a target's processes. A process started without a terminal outlives its channel on an
 * OpenSSH target (sshd closes only its pipes) and keeps the channel allocated there until it ends;
 * a channel the gateway gives up while its process runs is therefore sent {@code TERM} first.
 */
public final class TargetSignals {

  private static final Logger LOG = Logger.getLogger(TargetSignals.class.getName());

  private TargetSignals() {}

  /** RFC 4254 section 6.9: a "signal" channel request, which MINA's client has no method for. */
  static void send(ClientChannel channel, Signal signal) throws IOException {
    Session session = channel.getSession();
    Buffer buffer = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
    buffer.putUInt(channel.getRecipient());
    buffer.putString("signal");
    buffer.putBoolean(false);
    buffer.putString(signal.name());
    session.writePacket(buffer);
  }

  /**
   * Sends {@code TERM} to the channel's process if it still runs: open, not closing, no exit status
   * or signal reported. Subsystems are left alone (OpenSSH refuses to signal them; they end at end
   * of input).
   *
   * @return whether the signal was sent
   */
  public static boolean terminateIfRunning(ClientChannel channel) {
    if (channel instanceof ChannelSubsystem
        || !channel.isOpen()
        || channel.isClosing()
        || channel.getExitStatus() != null
        || channel.getExitSignal() != null) {
      return false;
    }
    try {
      send(channel, Signal.TERM);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "cannot signal the target's process", e);
      return false;
    }
  }
}
