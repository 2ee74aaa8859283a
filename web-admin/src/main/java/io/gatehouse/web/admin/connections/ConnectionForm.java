package io.gatehouse.web.admin.connections;

import io.gatehouse.control.application.ConnectionView;
import java.io.Serializable;

/**
 * The connection form's fields, as typed. The secret is write-only: it is never filled from the
 * stored connection, and an empty secret on an edit keeps the stored one.
 */
public class ConnectionForm implements Serializable {
  private static final long serialVersionUID = 1L;

  private String name;
  private String type = "postgres";
  private String host;
  private String port;
  private String database;
  private String url;
  private String tlsMode = "verify-full";
  private String caPem;
  private String serverName;
  private String hostKey;
  private String username;
  private String secretKind = "password";
  private String secret;
  private String clientCertificate;
  private String accessGroups;
  private String policy;
  private boolean secretStored;

  static ConnectionForm of(ConnectionView v) {
    ConnectionForm f = new ConnectionForm();
    f.name = v.name();
    f.type = v.type();
    f.host = v.target().host();
    f.port = v.target().port() == null ? null : v.target().port().toString();
    f.database = v.target().database();
    f.url = v.target().url();
    if (v.tls() != null) {
      f.tlsMode = v.tls().mode();
      f.caPem = v.tls().caPem();
      f.serverName = v.tls().serverName();
    }
    f.hostKey = v.hostKey();
    if (v.credential() != null) {
      f.username = v.credential().username();
      f.secretKind = v.credential().kind() == null ? "password" : v.credential().kind();
      f.secretStored = v.credential().secretSet();
    }
    f.accessGroups = String.join(", ", v.accessGroups());
    f.policy = v.policy();
    return f;
  }

  /** Whether the target is a host and port (PostgreSQL, SSH) rather than a URL. */
  public boolean isHostAddressed() {
    return "postgres".equals(type) || "ssh".equals(type);
  }

  public boolean isSecretStored() {
    return secretStored;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public String getPort() {
    return port;
  }

  public void setPort(String port) {
    this.port = port;
  }

  public String getDatabase() {
    return database;
  }

  public void setDatabase(String database) {
    this.database = database;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getTlsMode() {
    return tlsMode;
  }

  public void setTlsMode(String tlsMode) {
    this.tlsMode = tlsMode;
  }

  public String getCaPem() {
    return caPem;
  }

  public void setCaPem(String caPem) {
    this.caPem = caPem;
  }

  public String getServerName() {
    return serverName;
  }

  public void setServerName(String serverName) {
    this.serverName = serverName;
  }

  public String getHostKey() {
    return hostKey;
  }

  public void setHostKey(String hostKey) {
    this.hostKey = hostKey;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getSecretKind() {
    return secretKind;
  }

  public void setSecretKind(String secretKind) {
    this.secretKind = secretKind;
  }

  /** Always empty when the page renders: a stored secret is never sent back. */
  public String getSecret() {
    return null;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }

  String secret() {
    return secret;
  }

  void forgetSecret() {
    secret = null;
  }

  public String getClientCertificate() {
    return clientCertificate;
  }

  public void setClientCertificate(String clientCertificate) {
    this.clientCertificate = clientCertificate;
  }

  public String getAccessGroups() {
    return accessGroups;
  }

  public void setAccessGroups(String accessGroups) {
    this.accessGroups = accessGroups;
  }

  public String getPolicy() {
    return policy;
  }

  public void setPolicy(String policy) {
    this.policy = policy;
  }
}
