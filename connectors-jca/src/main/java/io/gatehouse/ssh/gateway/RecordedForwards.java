package io.gatehouse.ssh.gateway;

import io.gatehouse.recording.JsonText;
import io.gatehouse.ssh.relay.Decision;
import io.gatehouse.ssh.relay.ForwardMonitor;
import io.gatehouse.ssh.relay.ForwardRequest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.server.session.ServerSession;

/**
 * Decides each forwarded connection by the session's policy ({@link PolicyForwardGuard}) and
 * records it: a {@code forward} event with the destination, the originator the client reported, the
 * decision and rule (durable before anything reaches the target, as a command's is), and a {@code
 * forward-end} event with the bytes carried each way, or the target's refusal.
 */
final class RecordedForwards implements ForwardMonitor {

  private static final Logger LOG = Logger.getLogger(RecordedForwards.class.getName());

  @Override
  public Forward open(ServerSession session, ForwardRequest request) throws IOException {
    SshSessionState state = session.getAttribute(SshSessionState.KEY);
    if (state == null) {
      throw new IOException("this session has no session plan");
    }
    return record(state, request, state.forwards().check(request));
  }

  @Override
  public Forward decided(ServerSession session, ForwardRequest request, Decision decision)
      throws IOException {
    SshSessionState state = session.getAttribute(SshSessionState.KEY);
    if (state == null) {
      throw new IOException("this session has no session plan");
    }
    return record(state, request, decision);
  }

  private static Forward record(SshSessionState state, ForwardRequest request, Decision decision)
      throws IOException {
    int channel = state.nextChannel();
    state.counted(decision.allowed());
    state.record(
        "forward",
        "{\"channel\":"
            + channel
            + ",\"kind\":"
            + JsonText.quote(request.kind())
            + where(request)
            + (decision.allowed() ? "" : ",\"message\":" + JsonText.quote(decision.message()))
            + ",\"t\":"
            + state.offset()
            + "}",
        decision.outcome(),
        decision.ruleId());
    return new Forward() {
      private final AtomicBoolean done = new AtomicBoolean();

      @Override
      public Decision decision() {
        return decision;
      }

      @Override
      public void failed(String why) {
        end("{\"channel\":" + channel + ",\"error\":" + JsonText.quote(why));
      }

      @Override
      public void closed(long fromClient, long toClient) {
        end(
            "{\"channel\":"
                + channel
                + ",\"bytesFromClient\":"
                + fromClient
                + ",\"bytesToClient\":"
                + toClient);
      }

      @Override
      public void listenEnded(int port, String how) {
        end("{\"channel\":" + channel + ",\"port\":" + port + ",\"ended\":" + JsonText.quote(how));
      }

      @Override
      public void relaying(Runnable cut) {
        state.forwardRelaying(this, cut);
        if (done.get()) {
          state.forwardEnded(this); // it ended while being registered
        }
      }

      private void end(String payloadStart) {
        if (!done.compareAndSet(false, true)) {
          return; // ended once: by its channel, its cancel, or the session's end
        }
        try {
          state.record("forward-end", payloadStart + ",\"t\":" + state.offset() + "}", null, null);
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.WARNING, "the end of a forwarded connection could not be recorded", e);
        } finally {
          state.forwardEnded(this);
        }
      }
    };
  }

  // An agent request, or a connection of the target to the client's agent, has no address.
  private static String where(ForwardRequest request) {
    if (ForwardRequest.AGENT.equals(request.kind())) {
      return request.isListen() ? ",\"request\":true" : "";
    }
    return ",\"host\":"
        + JsonText.quote(request.host())
        + ",\"port\":"
        + request.port()
        + (request.isListen()
            ? ",\"listen\":true"
            : ",\"originator\":"
                + JsonText.quote(request.originatorHost() + ":" + request.originatorPort()));
  }
}
