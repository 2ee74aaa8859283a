package io.gatehouse.ssh.relay;

import java.util.concurrent.ExecutorService;

/** What every channel relay of one {@link SshRelay} shares. */
record RelayContext(
    TargetSessions sessions,
    CommandGuard guard,
    ChannelMonitor monitor,
    ExecutorService executor) {}
