package io.gatehouse.control.application;

import io.gatehouse.control.domain.model.connection.SecretKind;
import java.util.Arrays;

/**
 * The opened credential of a connection, for the data plane to log in to the target with. Close it
 * as soon as the login is done: closing wipes the secret. Never printed.
 */
public final class TargetLogin implements AutoCloseable {

  private final String username;
  private final SecretKind kind;
  private final byte[] secret;
  private final String clientCertificatePem;

  public TargetLogin(String username, SecretKind kind, byte[] secret, String clientCertPem) {
    this.username = username;
    this.kind = kind;
    this.secret = secret;
    this.clientCertificatePem = clientCertPem;
  }

  public String username() {
    return username;
  }

  public SecretKind kind() {
    return kind;
  }

  /** The secret's bytes (UTF-8), live until {@link #close()}. */
  public byte[] secret() {
    return secret;
  }

  public String clientCertificatePem() {
    return clientCertificatePem;
  }

  @Override
  public void close() {
    Arrays.fill(secret, (byte) 0);
  }

  @Override
  public String toString() {
    return "TargetLogin[username=" + username + ", kind=" + kind + ", secret=****]";
  }
}
