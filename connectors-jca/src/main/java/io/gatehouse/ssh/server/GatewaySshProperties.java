package io.gatehouse.ssh.server;

import java.time.Duration;
import org.apache.sshd.common.Property;

/**
 * The gateway's SSH settings as typed properties, in the manner of MINA's {@code
 * CoreModuleProperties}: set them on the server, read them from any session.
 */
public final class GatewaySshProperties {

  /** Failed authentications a source address may make before it is blocked. */
  public static final Property<Integer> AUTH_FAILURE_BURST =
      Property.integer("gatehouse-auth-failure-burst", 5);

  /** A blocked source regains one attempt after this long. */
  public static final Property<Duration> AUTH_FAILURE_REFILL =
      Property.duration("gatehouse-auth-failure-refill", Duration.ofSeconds(30));

  /** How long to wait for the target's TCP connection and key exchange. */
  public static final Property<Duration> TARGET_CONNECT_TIMEOUT =
      Property.duration("gatehouse-target-connect-timeout", Duration.ofSeconds(10));

  /** How long to wait for the target to accept the gateway's credential. */
  public static final Property<Duration> TARGET_AUTH_TIMEOUT =
      Property.duration("gatehouse-target-auth-timeout", Duration.ofSeconds(10));

  /** Bytes a relay pump copies at a time: the most it holds per direction. */
  public static final Property<Integer> RELAY_BUFFER_SIZE =
      Property.integer("gatehouse-relay-buffer-size", 128 * 1024);

  /** After the target's output ends, how long to wait for its exit status. */
  public static final Property<Duration> EXIT_STATUS_TIMEOUT =
      Property.duration("gatehouse-exit-status-timeout", Duration.ofSeconds(10));

  /** Remote forwards ({@code ssh -R} listeners on the target) a connection may hold at once. */
  public static final Property<Integer> MAX_REMOTE_FORWARDS =
      Property.integer("gatehouse-max-remote-forwards", 10);

  /** Session channels (shell, exec, sftp) a connection may have open at once. */
  public static final Property<Integer> MAX_SESSION_CHANNELS =
      Property.integer("gatehouse-max-session-channels", 10);

  /**
   * In an interactive shell with a PTY, how long the gateway waits at Enter for the target's echo
   * of the line's last keystrokes before it decides the line (and records it as echoed or typed
   * with echo off). Longer tolerates slower targets; every Enter is held up to this long.
   */
  public static final Property<Duration> ECHO_WAIT =
      Property.duration("gatehouse-echo-wait", Duration.ofMillis(300));

  private GatewaySshProperties() {}
}
