package io.gatehouse.ssh.server;

/**
 * Which kinds of forwarding one session may use; set as {@link SessionAttributes#FORWARDING} by the
 * wiring once policy allows it.
 */
public record ForwardingGrant(boolean local, boolean remote, boolean agent, boolean x11) {

  public static final ForwardingGrant NONE = new ForwardingGrant(false, false, false, false);
}
