package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.AgentRequests;
import java.io.IOException;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.ServerSession;

/**
 * Agent forwarding ({@code ssh -A}) relayed over the target session. The client's {@code
 * auth-agent-req@openssh.com} on a session channel is decided by the {@link ForwardMonitor} (the
 * policy, recorded); when allowed, the relayed target channel asks the target for agent forwarding
 * in turn, and each {@code auth-agent@openssh.com} channel the target then opens (a program there
 * using {@code SSH_AUTH_SOCK}) is relayed to the client as the same kind of channel the gateway
 * opens to it ({@link ForwardedConnection}), to be answered by the client's own agent. The gateway
 * holds no agent and no socket; the keys never leave the client.
 *
 * <p>A target session used by a gateway session with agent forwarding is closed, not pooled, when
 * the gateway session ends, so nothing left running on the target can reach a later user's agent.
 */
final class AgentForwards {

  /** On a gateway session whose agent forwarding was allowed: the decision and relay. */
  static final AttributeKey<Grant> GRANT = new AttributeKey<>();

  /** On a gateway session whose agent forwarding was refused. */
  private static final AttributeKey<Boolean> REFUSED = new AttributeKey<>();

  record Grant(RelayContext context, ForwardMonitor monitor, Decision decision)
      implements ForwardedConnection.Relaying {}

  static final String CHANNEL_TYPE = "auth-agent@openssh.com";

  private AgentForwards() {}

  /** The gateway's decision on agent forwarding requests. */
  static AgentRequests requests(RelayContext context, ForwardMonitor monitor) {
    return channel -> {
      ServerSession session = channel.getServerSession();
      // Decided and recorded once per session (the policy is the session's); a request on each
      // further channel, or again on one, gets the same answer without another record.
      if (session.getAttribute(GRANT) != null) {
        return true;
      }
      if (session.getAttribute(REFUSED) != null) {
        return false;
      }
      Decision decision =
          monitor
              .open(session, new ForwardRequest(ForwardRequest.AGENT, "", 0, null, 0))
              .decision();
      if (decision.allowed()) {
        session.setAttribute(GRANT, new Grant(context, monitor, decision));
      } else {
        session.setAttribute(REFUSED, Boolean.TRUE);
      }
      return decision.allowed();
    };
  }

  /** The target client's {@code auth-agent@openssh.com} channel factory. */
  static ChannelFactory targetChannels() {
    return ForwardedConnection.factory(
        CHANNEL_TYPE,
        target -> {
          ServerSession gateway = TargetSessions.leasedBy(target);
          return ForwardedConnection.create(
              CHANNEL_TYPE, gateway == null ? null : gateway.getAttribute(GRANT), LEG);
        });
  }

  private static final ForwardedConnection.OtherLeg LEG =
      new ForwardedConnection.OtherLeg() {
        @Override
        public ServerSession gatewaySession(Session arrivedOn) {
          ServerSession gateway = TargetSessions.leasedBy(arrivedOn);
          return gateway == null || !gateway.isOpen() || gateway.getAttribute(GRANT) == null
              ? null
              : gateway;
        }

        @Override
        public ForwardRequest request(Session arrivedOn, Buffer open) {
          return new ForwardRequest(ForwardRequest.AGENT, "", 0, "target", 0);
        }

        @Override
        public boolean arrivedFromClient() {
          return false;
        }

        @Override
        public Decision decided(Session arrivedOn, ForwardRequest request) {
          ServerSession gateway = TargetSessions.leasedBy(arrivedOn);
          Grant grant = gateway == null ? null : gateway.getAttribute(GRANT);
          return grant == null
              ? Decision.deny("agent forwarding was not asked for")
              : grant.decision();
        }

        @Override
        public TransferTarget.Channel open(
            RelayContext context,
            ServerSession gateway,
            ForwardRequest request,
            TransferTarget.Sink sink)
            throws IOException {
          return ForwardedConnection.openToClient(gateway, TransferTarget.agent(gateway, sink));
        }
      };
}
