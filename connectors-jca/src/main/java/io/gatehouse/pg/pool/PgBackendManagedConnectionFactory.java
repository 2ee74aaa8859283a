package io.gatehouse.pg.pool;

import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.connector.ra.ManagedConnectionFactorySupport;
import io.gatehouse.pg.backend.BackendConnector;
import io.gatehouse.pg.backend.BackendCredential;
import io.gatehouse.pg.backend.BackendException;
import io.gatehouse.pg.backend.BackendTarget;
import io.gatehouse.pg.backend.TlsMode;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ResourceAllocationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.security.auth.Subject;

/** Creates and matches pooled PostgreSQL backend connections. */
@ConnectionDefinition(
    connectionFactory = PgBackendConnectionFactory.class,
    connectionFactoryImpl = PgBackendConnectionFactoryImpl.class,
    connection = PgBackend.class,
    connectionImpl = PgBackendHandle.class)
public class PgBackendManagedConnectionFactory extends ManagedConnectionFactorySupport {

  private static final long serialVersionUID = 1L;

  @ConfigProperty(description = "Seconds to wait for a backend's TCP connect", defaultValue = "5")
  private Integer connectTimeoutSeconds = 5;

  @ConfigProperty(
      description = "Seconds allowed for a backend's TLS handshake and authentication",
      defaultValue = "10")
  private Integer handshakeTimeoutSeconds = 10;

  private final transient BackendConnector connector = new BackendConnector();

  @Override
  public Object createConnectionFactory(ConnectionManager connectionManager) {
    return new PgBackendConnectionFactoryImpl(this, connectionManager);
  }

  @Override
  public Object createConnectionFactory() throws ResourceException {
    throw new jakarta.resource.NotSupportedException(
        "Backend connections are only pooled inside the server");
  }

  @Override
  public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
      throws ResourceException {
    if (!(info instanceof PgBackendRequest request)) {
      throw new ResourceException("A PgBackendRequest is required, not " + info);
    }
    try {
      return new PgBackendManagedConnection(
          request, connector.connect(target(request.target()), credential(request.target())));
    } catch (BackendException e) {
      ResourceAllocationException failure =
          new ResourceAllocationException(
              "Cannot open a backend for " + request.connection() + ": " + e.getMessage());
      failure.initCause(e);
      throw failure;
    } catch (IOException e) {
      throw new ResourceException("Cannot prepare the backend's TLS settings", e);
    }
  }

  // A miss returns null so the pool opens a new connection; never the first of the set.
  @Override
  @SuppressWarnings("rawtypes")
  public ManagedConnection matchManagedConnections(
      Set candidates, Subject subject, ConnectionRequestInfo info) {
    for (Object candidate : candidates) {
      if (candidate instanceof PgBackendManagedConnection managed && managed.matches(info)) {
        return managed;
      }
    }
    return null;
  }

  BackendTarget target(TargetSpec spec) throws IOException {
    BackendTarget target =
        BackendTarget.of(spec.host(), spec.port(), spec.database(), spec.username())
            .withTimeouts(
                Duration.ofSeconds(connectTimeoutSeconds),
                Duration.ofSeconds(handshakeTimeoutSeconds));
    TlsMode mode = tlsMode(spec.tlsMode());
    if (mode != TlsMode.DISABLE) {
      target = target.withTls(mode, spec.caPem() == null ? null : caFile(spec.caPem()));
    }
    return target;
  }

  private static BackendCredential credential(TargetSpec spec) {
    return BackendCredential.password(spec.secret() == null ? "" : spec.secret());
  }

  static TlsMode tlsMode(String mode) {
    if (mode == null || mode.isBlank()) {
      return TlsMode.DISABLE;
    }
    return TlsMode.valueOf(mode.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  // The TLS layer reads CA certificates from a file: one file per distinct PEM, by content hash.
  private static Path caFile(String pem) throws IOException {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(pem.getBytes(StandardCharsets.UTF_8));
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "gatehouse-ca");
      Files.createDirectories(dir);
      Path file = dir.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".pem");
      if (!Files.exists(file)) {
        Path tmp = Files.createTempFile(dir, "ca", ".tmp");
        Files.writeString(tmp, pem);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return file;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  public Integer getConnectTimeoutSeconds() {
    return connectTimeoutSeconds;
  }

  public void setConnectTimeoutSeconds(Integer seconds) {
    this.connectTimeoutSeconds = seconds;
  }

  public Integer getHandshakeTimeoutSeconds() {
    return handshakeTimeoutSeconds;
  }

  public void setHandshakeTimeoutSeconds(Integer seconds) {
    this.handshakeTimeoutSeconds = seconds;
  }
}
