package io.gatehouse.ssh.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;

/**
 * The "session" channel factory with a limit per connection ({@link
 * GatewaySshProperties#MAX_SESSION_CHANNELS}): each relayed channel costs a target channel and pump
 * threads, so a client that opens channels in a flood gets a clear {@code
 * SSH_MSG_CHANNEL_OPEN_FAILURE} (resource shortage, naming the limit) for each one over it, while
 * its open channels carry on.
 */
final class LimitedSessionChannels implements ChannelFactory {

  private static final Logger LOG = Logger.getLogger(LimitedSessionChannels.class.getName());
  private static final AttributeKey<AtomicInteger> OPEN = new AttributeKey<>();

  /**
   * The server's channel factories, with "session" replaced by the limited one and, when {@code
   * localForwards} is given, "direct-tcpip" by it (MINA's own would connect from the gateway host;
   * it stays only to be refused by the forwarding filter).
   */
  static List<ChannelFactory> replacing(
      List<? extends ChannelFactory> factories,
      ChannelFactory localForwards,
      AgentRequests agentForwarding) {
    List<ChannelFactory> out = new ArrayList<>();
    for (ChannelFactory factory : factories) {
      if (ChannelSessionFactory.INSTANCE.getName().equals(factory.getName())) {
        out.add(new LimitedSessionChannels(agentForwarding));
      } else if (localForwards != null && localForwards.getName().equals(factory.getName())) {
        out.add(localForwards);
      } else {
        out.add(factory);
      }
    }
    return out;
  }

  private final AgentRequests agentForwarding;

  /**
   * @param agentForwarding decides agent forwarding requests, or null (MINA's own handling, which
   *     the forwarding filter refuses)
   */
  private LimitedSessionChannels(AgentRequests agentForwarding) {
    this.agentForwarding = agentForwarding;
  }

  @Override
  public String getName() {
    return ChannelSessionFactory.INSTANCE.getName();
  }

  @Override
  public Channel createChannel(Session session) {
    AtomicInteger open = session.computeAttributeIfAbsent(OPEN, key -> new AtomicInteger());
    int max = GatewaySshProperties.MAX_SESSION_CHANNELS.getRequired(session);
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      String message =
          "gatehouse: at most " + max + " channels at once per connection; close one first";
      LOG.warning(() -> "session " + session + ": channel refused: " + message);
      return new Refused(message);
    }
    ChannelSession channel =
        agentForwarding == null ? new ChannelSession() : new AgentAware(agentForwarding);
    channel.addCloseFutureListener(f -> open.decrementAndGet());
    return channel;
  }

  /**
   * A session channel whose agent forwarding request is decided by {@link AgentRequests} and marked
   * on the channel, instead of MINA serving an agent on the gateway host.
   */
  private static final class AgentAware extends ChannelSession {
    private final AgentRequests requests;

    AgentAware(AgentRequests requests) {
      this.requests = requests;
    }

    @Override
    protected RequestHandler.Result handleAgentForwardingParsed(String requestType) {
      try {
        if (requests.allow(this)) {
          setAttribute(SessionAttributes.AGENT_FORWARDING, Boolean.TRUE);
          return RequestHandler.Result.ReplySuccess;
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "agent forwarding request refused", e);
      }
      return RequestHandler.Result.ReplyFailure;
    }
  }

  /** A channel that fails to open, with a reason the client shows. */
  private static final class Refused extends ChannelSession {
    private final String message;

    Refused(String message) {
      this.message = message;
    }

    /**
     * Answers the open with a failure of our own (MINA's would replace the message with a generic
     * one) and drops the channel quietly; the returned future never completes, so MINA sends
     * nothing more.
     */
    @Override
    protected OpenFuture doInit(Buffer buffer) {
      OpenRefusal.send(this, SshConstants.SSH_OPEN_RESOURCE_SHORTAGE, message);
      return new DefaultOpenFuture(this, futureLock);
    }
  }
}
