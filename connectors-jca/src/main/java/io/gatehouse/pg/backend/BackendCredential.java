package io.gatehouse.pg.backend;

import java.util.Objects;

/** The stored secret the gateway presents to a target. Never printed. */
public final class BackendCredential {
  private final String password;

  private BackendCredential(String password) {
    this.password = Objects.requireNonNull(password, "password");
  }

  public static BackendCredential password(String password) {
    return new BackendCredential(password);
  }

  String password() {
    return password;
  }

  @Override
  public String toString() {
    return "BackendCredential[***]";
  }
}
