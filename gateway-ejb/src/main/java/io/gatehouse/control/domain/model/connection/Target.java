package io.gatehouse.control.domain.model.connection;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.net.URI;
import java.util.Objects;

/** Where a connection leads: host and port (PostgreSQL, SSH) or a URL (HTTP, Kubernetes). */
@Embeddable
public class Target {

  @Column(name = "target_host", length = 253)
  private String host;

  @Column(name = "target_port")
  private Integer port;

  @Column(name = "target_database", length = 63)
  private String database;

  @Column(name = "target_url", length = 2048)
  private String url;

  protected Target() {}

  private Target(String host, Integer port, String database, String url) {
    this.host = host;
    this.port = port;
    this.database = database;
    this.url = url;
  }

  /** A PostgreSQL target: all three required. */
  public static Target postgres(String host, int port, String database) {
    requireHostAndPort(host, port);
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException("a PostgreSQL target needs a database");
    }
    return new Target(host, port, database, null);
  }

  public static Target ssh(String host, int port) {
    requireHostAndPort(host, port);
    return new Target(host, port, null, null);
  }

  /** An HTTP(S) or Kubernetes API target. */
  public static Target url(String url) {
    URI uri;
    try {
      uri = URI.create(Objects.requireNonNull(url, "url"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("target url is not a URL: " + e.getMessage(), e);
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("target url must be an absolute http(s) URL with a host");
    }
    return new Target(null, null, null, url);
  }

  private static void requireHostAndPort(String host, int port) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("target host is required");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("target port must be 1-65535");
    }
  }

  /** Whether this target has the coordinates {@code type} needs. */
  public boolean suits(ConnectionType type) {
    return switch (type) {
      case POSTGRES -> host != null && database != null;
      case SSH -> host != null && database == null;
      case HTTP, KUBERNETES -> url != null;
    };
  }

  public String host() {
    return host;
  }

  public Integer port() {
    return port;
  }

  public String database() {
    return database;
  }

  public String url() {
    return url;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Target t
        && Objects.equals(host, t.host)
        && Objects.equals(port, t.port)
        && Objects.equals(database, t.database)
        && Objects.equals(url, t.url);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, database, url);
  }

  @Override
  public String toString() {
    return url != null ? url : host + ":" + port + (database == null ? "" : "/" + database);
  }
}
