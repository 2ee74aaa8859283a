package io.gatehouse.ssh.pool;

import io.gatehouse.connector.ra.GatewayResourceAdapter;
import io.gatehouse.connector.ra.ManagedConnectionFactorySupport;
import io.gatehouse.ssh.relay.TargetConnector;
import io.gatehouse.ssh.relay.TargetUnavailableException;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ResourceAllocationException;
import java.time.Duration;
import java.util.Set;
import javax.security.auth.Subject;

/** Creates and matches pooled, authenticated SSH target sessions. */
@ConnectionDefinition(
    connectionFactory = SshTargetConnectionFactory.class,
    connectionFactoryImpl = SshTargetConnectionFactoryImpl.class,
    connection = SshTarget.class,
    connectionImpl = SshTargetHandle.class)
public class SshTargetManagedConnectionFactory extends ManagedConnectionFactorySupport {

  private static final long serialVersionUID = 1L;

  @ConfigProperty(
      description = "Seconds to wait for a target's TCP connect and key exchange",
      defaultValue = "10")
  private Integer connectTimeoutSeconds = 10;

  @ConfigProperty(
      description = "Seconds allowed for the target to accept the gateway's credential",
      defaultValue = "10")
  private Integer authTimeoutSeconds = 10;

  private transient TargetConnector connector;

  @Override
  public Object createConnectionFactory(ConnectionManager connectionManager) {
    return new SshTargetConnectionFactoryImpl(this, connectionManager);
  }

  @Override
  public Object createConnectionFactory() throws ResourceException {
    throw new NotSupportedException("Target sessions are only pooled inside the server");
  }

  @Override
  public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
      throws ResourceException {
    if (!(info instanceof SshTargetRequest request)) {
      throw new ResourceException("An SshTargetRequest is required, not " + info);
    }
    try {
      return new SshTargetManagedConnection(
          request,
          connector()
              .connect(
                  request.target(),
                  Duration.ofSeconds(connectTimeoutSeconds),
                  Duration.ofSeconds(authTimeoutSeconds)));
    } catch (TargetUnavailableException e) {
      // The message is the user's: the relay shows it as is (host key mismatch, login refused).
      ResourceAllocationException failure = new ResourceAllocationException(e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  // One MINA client per factory, started on first use, stopped with the adapter.
  private synchronized TargetConnector connector() {
    if (connector == null) {
      connector = new TargetConnector();
      if (getResourceAdapter() instanceof GatewayResourceAdapter adapter) {
        adapter.closeAtStop(connector);
      }
    }
    return connector;
  }

  // A miss returns null so the pool opens a new session; never the first of the set.
  @Override
  @SuppressWarnings("rawtypes")
  public ManagedConnection matchManagedConnections(
      Set candidates, Subject subject, ConnectionRequestInfo info) {
    for (Object candidate : candidates) {
      if (candidate instanceof SshTargetManagedConnection managed && managed.matches(info)) {
        return managed;
      }
    }
    return null;
  }

  public Integer getConnectTimeoutSeconds() {
    return connectTimeoutSeconds;
  }

  public void setConnectTimeoutSeconds(Integer seconds) {
    this.connectTimeoutSeconds = seconds;
  }

  public Integer getAuthTimeoutSeconds() {
    return authTimeoutSeconds;
  }

  public void setAuthTimeoutSeconds(Integer seconds) {
    this.authTimeoutSeconds = seconds;
  }
}
