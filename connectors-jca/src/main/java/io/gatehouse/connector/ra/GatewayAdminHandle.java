package io.gatehouse.connector.ra;

import io.gatehouse.connector.api.GatewayAdminConnection;
import io.gatehouse.connector.api.LiveSessionInfo;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The control plane's handle; detached once closed. */
final class GatewayAdminHandle implements GatewayAdminConnection {

  private volatile GatewayAdminManagedConnection managed;

  GatewayAdminHandle(GatewayAdminManagedConnection managed) {
    this.managed = managed;
  }

  void reassociate(GatewayAdminManagedConnection other) {
    this.managed = other;
  }

  @Override
  public List<LiveSessionInfo> liveSessions() {
    return attached().live().list().stream()
        .map(
            e ->
                new LiveSessionInfo(
                    e.sessionId(),
                    e.identity(),
                    e.connection(),
                    e.protocol(),
                    e.startedAt(),
                    e.grantId()))
        .toList();
  }

  @Override
  public boolean terminate(String sessionId, String reason) {
    return attached().live().terminate(sessionId, reason);
  }

  @Override
  public int terminateGrant(String grantId, String reason) {
    return attached().live().terminateGrant(grantId, reason);
  }

  @Override
  public int warnGrant(String grantId, String message) {
    return attached().live().warnGrant(grantId, message);
  }

  @Override
  public void register(LiveSessionInfo session, Consumer<String> terminate) {
    attached()
        .live()
        .add(
            new LiveSessions.Entry(
                session.sessionId(),
                session.identity(),
                session.connection(),
                session.protocol(),
                session.startedAt() == null ? Instant.now() : session.startedAt(),
                session.grantId(),
                terminate::accept));
  }

  @Override
  public void deregister(String sessionId) {
    attached().live().remove(sessionId);
  }

  @Override
  public void close() {
    GatewayAdminManagedConnection current = managed;
    managed = null;
    if (current != null) {
      current.handleClosed(this);
    }
  }

  private GatewayAdminManagedConnection attached() {
    GatewayAdminManagedConnection current = managed;
    if (current == null) {
      throw new IllegalStateException("admin connection is closed");
    }
    return current;
  }
}
