package io.gatehouse.connector.ra;

import io.gatehouse.recording.CutOffSessions;
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
    spool.compactAtBytes(EventSpool.COMPACT_AT_BYTES);
    // Whatever started is stopped again if a later part fails: above all the shipper, since a
    // second start opens the spool again, and two shippers over one file would compact it under
    // each other.
    SpoolShipper shipper = null;
    ScheduledThreadPoolExecutor timers = null;
    java.util.concurrent.ExecutorService sessionThreads = null;
    PostgresDataPath postgres = null;
    SshDataPath ssh = null;
    try {
      // Before any listener takes a client: sessions a killed JVM left open get their end recorded.
      int cutOff = CutOffSessions.end(spool, Clock.systemUTC());
      if (cutOff > 0) {
        LOG.warning(() -> cutOff + " session(s) cut off by the last unclean stop; ends recorded");
      }
      shipper =
          new SpoolShipper(
              spool,
              events -> controlPlane.call(cp -> cp.storeEvents(events)),
              5000,
              Duration.ofMillis(200),
              Clock.systemUTC());
      workManager.startWork(new WorkAdapter(shipper, shipper::stop));
      timers =
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
      sessionThreads =
          SessionThreads.create("gatehouse-session", settings.maxConnections() * 2 + 16);
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
    } catch (Exception | Error e) {
      new DataPlane(spool, shipper, timers, sessionThreads, postgres, ssh).stop();
      throw e;
    }
    LOG.info(() -> "Recording spool at " + spoolDir);
    return new DataPlane(spool, shipper, timers, sessionThreads, postgres, ssh);
  }

  // Null parts: a start that failed before it got to them.
  void stop() {
    if (ssh != null) {
      ssh.stop();
    }
    if (postgres != null) {
      postgres.stop();
    }
    if (shipper != null) {
      shipper.stop();
    }
    if (timers != null) {
      timers.shutdownNow();
    }
    if (sessionThreads != null) {
      sessionThreads.shutdownNow();
    }
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
