package io.gatehouse.ssh.server;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.AbstractChannel;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * Answers a client's channel open with a failure of the gateway's own, carrying a message the
 * client shows ({@code channel 2: open failed: administratively prohibited: <message>}). MINA's own
 * answer to a failed open replaces the message with a generic one, so a channel that refuses sends
 * this and leaves its open future incomplete; it is then closed here.
 */
public final class OpenRefusal {

  private static final Logger LOG = Logger.getLogger(OpenRefusal.class.getName());

  private OpenRefusal() {}

  /**
   * @param reason {@link SshConstants#SSH_OPEN_ADMINISTRATIVELY_PROHIBITED} and the like
   */
  public static void send(AbstractChannel channel, int reason, String message) {
    try {
      Buffer failure =
          channel
              .getSession()
              .createBuffer(SshConstants.SSH_MSG_CHANNEL_OPEN_FAILURE, message.length() + 32);
      failure.putUInt(channel.getRecipient());
      failure.putUInt(reason);
      failure.putString(message);
      failure.putString("");
      channel.getSession().writePacket(failure);
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot refuse the channel", e);
    }
    channel.close(true);
  }
}
