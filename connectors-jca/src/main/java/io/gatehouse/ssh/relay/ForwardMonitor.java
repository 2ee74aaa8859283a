package io.gatehouse.ssh.relay;

import java.io.IOException;
import org.apache.sshd.server.session.ServerSession;

/**
 * SPI: decides each forwarded connection a client asks for and records it. Forwarding is refused
 * unless the monitor allows it; an allowed connection is relayed over the session's target session,
 * so it starts from the target, never from the gateway's own network.
 */
@FunctionalInterface
public interface ForwardMonitor {

  /**
   * Decides {@code request} and records the decision, before anything reaches the target.
   *
   * @throws IOException when the decision cannot be recorded as required (the request is refused)
   */
  Forward open(ServerSession session, ForwardRequest request) throws IOException;

  /**
   * Records a connection whose decision was already made (one accepted on a remote forward's
   * listener, which the policy allowed when it was asked for).
   *
   * @throws IOException when it cannot be recorded as required (the connection is refused)
   */
  default Forward decided(ServerSession session, ForwardRequest request, Decision decision)
      throws IOException {
    return () -> decision;
  }

  /** Refuses every forward, with a message saying so. */
  static ForwardMonitor refuseAll() {
    return (session, request) ->
        () -> Decision.deny("port forwarding is not enabled on this gateway");
  }

  /** One forwarded connection's watcher. */
  interface Forward {

    /** The decision made in {@link ForwardMonitor#open}. */
    Decision decision();

    /** The target could not open the connection, for {@code why}. */
    default void failed(String why) {}

    /** The connection ended, having carried these bytes each way. */
    default void closed(long fromClient, long toClient) {}

    /**
     * The connection is relayed. {@code cut} closes it and records its end at once, on the calling
     * thread: run when the session ends while it is still open (a connection the target opened can
     * outlive the client by the time the target takes to close it), so that its end is recorded
     * before the session's.
     */
    default void relaying(Runnable cut) {}

    /**
     * A listener this request opened on the target (at {@code port}, the one the target chose for
     * port 0) is gone: cancelled by the client, or with the session.
     */
    default void listenEnded(int port, String how) {}
  }
}
