package io.gatehouse.web.admin.connections;

import io.gatehouse.control.application.ConnectionView;
import java.io.Serializable;

/** One connection in the list: where it leads and who may use it. Never the secret. */
public record ConnectionRow(
    String name,
    String type,
    String target,
    String tls,
    String login,
    String credential,
    String accessGroups,
    String policy)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static ConnectionRow of(ConnectionView v) {
    ConnectionView.TargetView t = v.target();
    String target =
        t.url() != null
            ? t.url()
            : t.host() + ":" + t.port() + (t.database() == null ? "" : "/" + t.database());
    ConnectionView.CredentialView c = v.credential();
    return new ConnectionRow(
        v.name(),
        v.type(),
        target,
        v.tls() == null ? "" : v.tls().mode(),
        c == null || c.username() == null ? "" : c.username(),
        c != null && c.secretSet() ? c.kind() + " set" : "not set",
        String.join(", ", v.accessGroups()),
        v.policy() == null ? "" : v.policy());
  }
}
