package io.gatehouse.ssh.server;

import org.apache.sshd.common.AttributeRepository.AttributeKey;

/** What the gateway stores on an authenticated {@code ServerSession}, and on target sessions. */
public final class SessionAttributes {

  /** Who authenticated (from {@link AuthResult#identity()}). */
  public static final AttributeKey<String> IDENTITY = new AttributeKey<>();

  /** On a session channel: its agent forwarding request was allowed ({@link AgentRequests}). */
  public static final AttributeKey<Boolean> AGENT_FORWARDING = new AttributeKey<>();

  /**
   * On a target session: it carried something of one gateway session's that must not outlive it (a
   * remote forward's listener, the client's forwarded agent), so it is closed, never pooled.
   */
  public static final AttributeKey<Boolean> NOT_POOLED = new AttributeKey<>();

  private SessionAttributes() {}
}
