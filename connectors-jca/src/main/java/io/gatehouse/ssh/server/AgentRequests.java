package io.gatehouse.ssh.server;

import java.io.IOException;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * SPI: decides a session channel's request to forward the client's agent ({@code ssh -A}, {@code
 * auth-agent-req@openssh.com}). When it allows one, the channel carries {@link
 * SessionAttributes#AGENT_FORWARDING} and its relayed target channel asks the target for agent
 * forwarding in turn.
 */
@FunctionalInterface
public interface AgentRequests {

  /**
   * @return whether the request is allowed
   * @throws IOException when the decision cannot be recorded as required (it is then refused)
   */
  boolean allow(ChannelSession channel) throws IOException;
}
