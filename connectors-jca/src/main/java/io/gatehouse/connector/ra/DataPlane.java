package io.gatehouse.connector.ra;

import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.ssh.gateway.SshGateway;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/** Everything the resource adapter runs: the spool and its shipper, the listeners, timers. */
final class DataPlane {

  private static final Logger LOG = Logger.getLogger(DataPlane.class.getName());

  /** The adapter's configuration, as set in server.xml. */
  record Settings(
      String listenHost,
      int postgresPort,
      int maxConnections,
      int startupTimeoutMillis,
      io.gatehouse.policy.SessionTimeouts postgresTimeouts,
      String tlsKeyStore,
      String tlsKeyStorePassword,
      String spoolDirectory,
      boolean spoolFsync,
      int sshPort,
      String sshHostKeyDirectory,
      int sshEchoWaitMillis,
      int sshMaxSessionChannels,
      int sshAuthFailureBurst) {}

  private final EventSpool spool;
  private final SpoolShipper shipper;
  private final ScheduledExecutorService timers;
  private final java.util.concurrent.ExecutorService sessionThreads;
  private final PostgresDataPath postgres;
  private final SshDataPath ssh;

  private DataPlane(
      EventSpool spool,
      SpoolShipper shipper,
      ScheduledExecutorService timers,
      java.util.concurrent.ExecutorService sessionThreads,
      PostgresDataPath postgres,
      SshDataPath ssh) {
    this.spool = spool;
    this.shipper = shipper;
    this.timers = timers;
    this.sessionThreads = sessionThreads;
    this.postgres = postgres;
    this.ssh = ssh;
  }

  static DataPlane start(
      Settings settings,
      WorkManager workManager,
      ControlPlaneEndpoint controlPlane,
      LiveSessions live)
      throws Exception {
    Path spoolDir =
        settings.spoolDirectory().isBlank()
            ? Path.of(System.getProperty("java.io.tmpdir"), "gatehouse-spool")
            : Path.of(settings.spoolDirectory());
    EventSpool spool = EventSpool.open(spoolDir, settings.spoolFsync());
    SpoolShipper shipper =
        new SpoolShipper(
            spool,
            events -> controlPlane.call(cp -> cp.storeEvents(events)),
            2000,
            Duration.ofMillis(200),
            Clock.systemUTC());
    workManager.startWork(new WorkAdapter(shipper, shipper::stop));
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "gatehouse-session-timers");
              thread.setDaemon(true);
              return thread;
            });
    // A session's expiry timer is cancelled when it closes, hours before it is due: without this
    // the cancelled task (and the closed session it refers to) stayed queued until then.
    timers.setRemoveOnCancelPolicy(true);
    // Two threads per session (one per relay direction), a little headroom for refusals.
    java.util.concurrent.ExecutorService sessionThreads =
        SessionThreads.create("gatehouse-session", settings.maxConnections() * 2 + 16);
    PostgresDataPath postgres = null;
    if (settings.postgresPort() > 0) {
      postgres =
          new PostgresDataPath(
              new InetSocketAddress(settings.listenHost(), settings.postgresPort()),
              settings.maxConnections(),
              settings.startupTimeoutMillis(),
              settings.postgresTimeouts(),
              memoized(() -> tlsContext(settings)),
              controlPlane,
              spool,
              shipper,
              workManager,
              timers,
              sessionThreads,
              live);
      postgres.start(workManager);
    }
    SshDataPath ssh = null;
    if (settings.sshPort() > 0) {
      ssh =
          SshDataPath.start(
              new SshGateway.Settings(
                  settings.listenHost(),
                  settings.sshPort(),
                  SshDataPath.hostKeyDirectory(settings.sshHostKeyDirectory()),
                  Duration.ofMillis(settings.sshEchoWaitMillis()),
                  settings.sshMaxSessionChannels(),
                  settings.sshAuthFailureBurst()),
              controlPlane,
              spool,
              shipper,
              timers,
              live);
    }
    LOG.info(() -> "Recording spool at " + spoolDir);
    return new DataPlane(spool, shipper, timers, sessionThreads, postgres, ssh);
  }

  void stop() {
    if (ssh != null) {
      ssh.stop();
    }
    if (postgres != null) {
      postgres.stop();
    }
    shipper.stop();
    timers.shutdownNow();
    sessionThreads.shutdownNow();
    try {
      spool.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing the spool failed", e);
    }
  }

  private static java.util.function.Supplier<SSLContext> memoized(
      java.util.function.Supplier<SSLContext> loader) {
    java.util.concurrent.atomic.AtomicReference<SSLContext> cached =
        new java.util.concurrent.atomic.AtomicReference<>();
    return () -> {
      SSLContext context = cached.get();
      if (context == null) {
        context = loader.get();
        cached.compareAndSet(null, context);
      }
      return context;
    };
  }

  // Liberty creates its key store at first start: load it when the first client asks for TLS.
  private static SSLContext tlsContext(Settings settings) {
    if (settings.tlsKeyStore().isBlank()) {
      return null;
    }
    try {
      return TlsContexts.serverContext(
          Path.of(settings.tlsKeyStore()), settings.tlsKeyStorePassword().toCharArray());
    } catch (Exception e) {
      LOG.log(Level.WARNING, "TLS key store " + settings.tlsKeyStore() + " cannot be used", e);
      return null;
    }
  }
}
