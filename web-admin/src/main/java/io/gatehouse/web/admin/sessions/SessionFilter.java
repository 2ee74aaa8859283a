package io.gatehouse.web.admin.sessions;

import java.io.Serializable;

/** What the sessions list is narrowed to; blank means any. */
public class SessionFilter implements Serializable {
  private static final long serialVersionUID = 1L;

  private String identity;
  private String connection;
  private String status;

  public String getIdentity() {
    return identity;
  }

  public void setIdentity(String identity) {
    this.identity = blankToNull(identity);
  }

  public String getConnection() {
    return connection;
  }

  public void setConnection(String connection) {
    this.connection = blankToNull(connection);
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = blankToNull(status);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
