package io.gatehouse.ssh.server;

import org.apache.sshd.common.AttributeRepository.AttributeKey;

/** What the gateway stores on an authenticated {@code ServerSession}. */
public final class SessionAttributes {

  /** Who authenticated (from {@link AuthResult#identity()}). */
  public static final AttributeKey<String> IDENTITY = new AttributeKey<>();

  /** On a session channel: its agent forwarding request was allowed ({@link AgentRequests}). */
  public static final AttributeKey<Boolean> AGENT_FORWARDING = new AttributeKey<>();

  private SessionAttributes() {}
}
