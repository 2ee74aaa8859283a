package io.gatehouse.web.proxy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.control.application.SessionAdmission;
import io.gatehouse.http.HeaderList;
import io.gatehouse.web.proxy.ProxyCaller;
import io.gatehouse.web.proxy.ProxyDeniedException;
import jakarta.ejb.EJBException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store down at admission: a 503 that says so, never a 500 with a stack. */
class ControlPlaneProxyAccessTest {

  @Test
  void aStoreThatCannotBeReachedIsA503NamingIt() {
    ControlPlaneProxyAccess access = new ControlPlaneProxyAccess();
    access.sessions = new ProxySessions();
    access.admission =
        new SessionAdmission() {
          @Override
          public SessionPlan admit(AccessRequest request) {
            throw new EJBException(
                new jakarta.persistence.PersistenceException(
                    new SQLException("Connection to 127.0.0.1:5432 refused.")));
          }

          @Override
          public boolean requiresTls(Protocol protocol, String connection) {
            return false;
          }

          @Override
          public int store(List<RecordedEvent> events) {
            return 0;
          }

          @Override
          public void close(SessionOutcome outcome) {}
        };
    ProxyDeniedException e =
        assertThrows(
            ProxyDeniedException.class,
            () ->
                access.resolve(
                    "web", new ProxyCaller("a-token", "127.0.0.1", new HeaderList(), false)));
    assertEquals(503, e.status());
    assertTrue(e.getMessage().contains("SQLException; is its store reachable?"), e.getMessage());
    assertFalse(e.getMessage().contains("5432"), "no internals: " + e.getMessage());
  }
}
