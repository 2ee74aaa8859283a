package io.gatehouse.ssh.server;

import org.apache.sshd.common.AttributeRepository.AttributeKey;

/** What the gateway stores on an authenticated {@code ServerSession}. */
public final class SessionAttributes {

  /** Who authenticated (from {@link AuthResult#identity()}). */
  public static final AttributeKey<String> IDENTITY = new AttributeKey<>();

  private SessionAttributes() {}
}
