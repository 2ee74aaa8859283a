package io.gatehouse.connector.ra;

import io.gatehouse.policy.SessionTimeouts;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The Gatehouse data plane. Its lifecycle owns the protocol listeners (started on the container's
 * {@link jakarta.resource.spi.work.WorkManager}); its outbound connection definitions are the
 * pooled connections to targets.
 */
@Connector(
    displayName = "Gatehouse data plane",
    description = "Protocol listeners and pooled target connections of the Gatehouse gateway",
    vendorName = "Gatehouse",
    eisType = "Gatehouse access gateway",
    version = "0.1",
    transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class GatewayResourceAdapter implements ResourceAdapter {

  private static final Logger LOG = Logger.getLogger(GatewayResourceAdapter.class.getName());

  @ConfigProperty(description = "Address the protocol listeners bind to", defaultValue = "0.0.0.0")
  private String listenHost = "0.0.0.0";

  @ConfigProperty(description = "PostgreSQL listener port (0: disabled)", defaultValue = "15432")
  private Integer postgresPort = 15432;

  @ConfigProperty(description = "SSH listener port (0: disabled)", defaultValue = "2222")
  private Integer sshPort = 2222;

  @ConfigProperty(
      description =
          "Directory of the SSH listener's host key (generated at first start, then kept)")
  private String sshHostKeyDirectory = "";

  @ConfigProperty(
      description =
          "SSH: milliseconds Enter waits for the target's echo in an interactive shell (0-10000)",
      defaultValue = "300")
  private Integer sshEchoWaitMillis = 300;

  @ConfigProperty(
      description = "SSH: session channels (shell, exec, sftp) a connection may have open at once",
      defaultValue = "10")
  private Integer sshMaxSessionChannels = 10;

  @ConfigProperty(
      description =
          "SSH: failed authentications a source address may make before it is refused (it regains"
              + " one every 30 seconds)",
      defaultValue = "5")
  private Integer sshAuthFailureBurst = 5;

  @ConfigProperty(description = "Most client connections per listener", defaultValue = "2000")
  private Integer maxConnections = 2000;

  @ConfigProperty(
      description = "Seconds a client may take to start up and authenticate",
      defaultValue = "10")
  private Integer startupTimeoutSeconds = 10;

  @ConfigProperty(
      description =
          "PostgreSQL: seconds a session may sit idle outside a transaction (0: no limit) where"
              + " its policy sets none",
      defaultValue = "0")
  private Integer postgresIdleTimeoutSeconds = 0;

  @ConfigProperty(
      description =
          "PostgreSQL: seconds a session may sit idle in a transaction (0: no limit) where its"
              + " policy sets none",
      defaultValue = "0")
  private Integer postgresIdleInTransactionTimeoutSeconds = 0;

  @ConfigProperty(description = "Key store (PKCS#12 or JKS) for client-side TLS")
  private String tlsKeyStore = "";

  @ConfigProperty(description = "Password of the TLS key store", confidential = true)
  private String tlsKeyStorePassword = "";

  @ConfigProperty(description = "Directory of the local recording spool")
  private String spoolDirectory = "";

  @ConfigProperty(
      description = "Flush every spooled event to disk (survives power loss, slower)",
      defaultValue = "false")
  private Boolean spoolFsync = false;

  private volatile BootstrapContext bootstrapContext;
  private final ControlPlaneEndpoint controlPlane = new ControlPlaneEndpoint();
  private final LiveSessions liveSessions = new LiveSessions();
  private DataPlane dataPlane;
  private final List<AutoCloseable> closeAtStop = new CopyOnWriteArrayList<>();

  @Override
  public void start(BootstrapContext context) throws ResourceAdapterInternalException {
    this.bootstrapContext = context;
    try {
      dataPlane =
          DataPlane.start(
              new DataPlane.Settings(
                  listenHost,
                  postgresPort,
                  maxConnections,
                  startupTimeoutSeconds * 1000,
                  new SessionTimeouts(
                      postgresIdleTimeoutSeconds, postgresIdleInTransactionTimeoutSeconds),
                  tlsKeyStore,
                  tlsKeyStorePassword,
                  spoolDirectory,
                  spoolFsync,
                  sshPort,
                  sshHostKeyDirectory,
                  sshEchoWaitMillis,
                  sshMaxSessionChannels,
                  sshAuthFailureBurst),
              context.getWorkManager(),
              controlPlane,
              liveSessions);
    } catch (Exception e) {
      throw new ResourceAdapterInternalException(
          "The Gatehouse data plane could not start: " + e.getMessage(), e);
    }
    LOG.info(() -> "Gatehouse data plane started; listeners bind to " + listenHost);
  }

  @Override
  public void stop() {
    if (dataPlane != null) {
      liveSessions.terminateAll("the gateway is shutting down");
      dataPlane.stop();
      dataPlane = null;
    }
    for (AutoCloseable resource : closeAtStop) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "closing " + resource + " at stop failed", e);
      }
    }
    closeAtStop.clear();
    LOG.info("Gatehouse data plane stopped");
    bootstrapContext = null;
  }

  /** Closed when the adapter stops (what outbound connection factories started, e.g. clients). */
  public void closeAtStop(AutoCloseable resource) {
    closeAtStop.add(resource);
  }

  /** The sessions running on this server. */
  public LiveSessions liveSessions() {
    return liveSessions;
  }

  @Override
  public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec)
      throws ResourceException {
    if (!(spec instanceof ControlPlaneActivationSpec)) {
      throw new jakarta.resource.NotSupportedException(
          "Unsupported activation spec " + spec.getClass().getName());
    }
    controlPlane.activate(factory);
  }

  @Override
  public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
    controlPlane.deactivate(factory);
  }

  /** The control plane, once its message-driven bean is activated. */
  public ControlPlaneEndpoint controlPlane() {
    return controlPlane;
  }

  @Override
  public XAResource[] getXAResources(ActivationSpec[] specs) {
    return new XAResource[0];
  }

  public String getListenHost() {
    return listenHost;
  }

  public void setListenHost(String listenHost) {
    this.listenHost = listenHost;
  }

  public Integer getPostgresPort() {
    return postgresPort;
  }

  public void setPostgresPort(Integer value) {
    this.postgresPort = value;
  }

  public Integer getSshPort() {
    return sshPort;
  }

  public void setSshPort(Integer value) {
    this.sshPort = value;
  }

  public Integer getSshEchoWaitMillis() {
    return sshEchoWaitMillis;
  }

  public void setSshEchoWaitMillis(Integer value) {
    this.sshEchoWaitMillis = value;
  }

  public Integer getSshMaxSessionChannels() {
    return sshMaxSessionChannels;
  }

  public void setSshMaxSessionChannels(Integer value) {
    this.sshMaxSessionChannels = value;
  }

  public Integer getSshAuthFailureBurst() {
    return sshAuthFailureBurst;
  }

  public void setSshAuthFailureBurst(Integer value) {
    this.sshAuthFailureBurst = value;
  }

  public String getSshHostKeyDirectory() {
    return sshHostKeyDirectory;
  }

  public void setSshHostKeyDirectory(String value) {
    this.sshHostKeyDirectory = value;
  }

  public Integer getMaxConnections() {
    return maxConnections;
  }

  public void setMaxConnections(Integer value) {
    this.maxConnections = value;
  }

  public Integer getPostgresIdleTimeoutSeconds() {
    return postgresIdleTimeoutSeconds;
  }

  public void setPostgresIdleTimeoutSeconds(Integer value) {
    this.postgresIdleTimeoutSeconds = value;
  }

  public Integer getPostgresIdleInTransactionTimeoutSeconds() {
    return postgresIdleInTransactionTimeoutSeconds;
  }

  public void setPostgresIdleInTransactionTimeoutSeconds(Integer value) {
    this.postgresIdleInTransactionTimeoutSeconds = value;
  }

  public Integer getStartupTimeoutSeconds() {
    return startupTimeoutSeconds;
  }

  public void setStartupTimeoutSeconds(Integer value) {
    this.startupTimeoutSeconds = value;
  }

  public String getTlsKeyStore() {
    return tlsKeyStore;
  }

  public void setTlsKeyStore(String value) {
    this.tlsKeyStore = value;
  }

  public String getTlsKeyStorePassword() {
    return tlsKeyStorePassword;
  }

  public void setTlsKeyStorePassword(String value) {
    this.tlsKeyStorePassword = value;
  }

  public String getSpoolDirectory() {
    return spoolDirectory;
  }

  public void setSpoolDirectory(String value) {
    this.spoolDirectory = value;
  }

  public Boolean getSpoolFsync() {
    return spoolFsync;
  }

  public void setSpoolFsync(Boolean value) {
    this.spoolFsync = value;
  }

  BootstrapContext bootstrapContext() {
    return bootstrapContext;
  }

  // A resource adapter JavaBean is compared by the container; identity is the right equality.
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
