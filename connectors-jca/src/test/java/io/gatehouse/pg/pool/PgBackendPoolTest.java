package io.gatehouse.pg.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.connector.ra.RecordingConnectionManager;
import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.pg.wire.FrontendEncoder;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ManagedConnection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The backend pool's JCA contract, with a connection manager that records what it is told. */
@ExtendWith(PostgresCluster.class)
class PgBackendPoolTest {

  static TargetSpec target(PostgresCluster pg, long credentialVersion) {
    return new TargetSpec(
        pg.host(),
        pg.port(),
        "gatehouse_test",
        null,
        "disable",
        null,
        null,
        PostgresCluster.SCRAM_USER,
        pg.password(PostgresCluster.SCRAM_USER),
        "password",
        credentialVersion);
  }

  static PgBackendConnectionFactory factory(RecordingConnectionManager cm) {
    return (PgBackendConnectionFactory)
        new PgBackendManagedConnectionFactory().createConnectionFactory(cm);
  }

  @Test
  void aReturnedConnectionIsResetAndReused(PostgresCluster pg) throws Exception {
    RecordingConnectionManager cm = new RecordingConnectionManager();
    PgBackendConnectionFactory factory = factory(cm);
    PgBackendRequest request = new PgBackendRequest("orders", target(pg, 1));
    PgBackend first = factory.getConnection(request);
    var backend = first.connection();
    backend.send(FrontendEncoder.query("SET application_name = 'dirty'"));
    drainToReady(backend);
    first.close();
    PgBackend second = factory.getConnection(request);
    assertSame(backend, second.connection(), "the pool hands the same physical connection back");
    assertEquals(1, cm.created, "one physical connection for two uses");
    second.connection().send(FrontendEncoder.query("SHOW application_name"));
    String shown = firstDataRowText(second.connection());
    assertNotEquals("dirty", shown, "DISCARD ALL / RESET reverted the previous user's setting");
    second.close();
  }

  @Test
  void aPooledConnectionTheTargetClosedIsNeverHandedOut(PostgresCluster pg) throws Exception {
    RecordingConnectionManager cm = new RecordingConnectionManager();
    PgBackendConnectionFactory factory = factory(cm);
    PgBackendRequest request = new PgBackendRequest("orders", target(pg, 1));
    PgBackend first = factory.getConnection(request);
    first.connection().send(FrontendEncoder.query("SELECT pg_backend_pid()"));
    int pid = Integer.parseInt(firstDataRowText(first.connection()));
    first.close();
    try (java.sql.Connection admin = pg.connect(PostgresCluster.SUPERUSER);
        java.sql.Statement s = admin.createStatement()) {
      s.execute("SELECT pg_terminate_backend(" + pid + ")");
    }
    Thread.sleep(200);
    PgBackend second = factory.getConnection(request);
    assertEquals(2, cm.created, "the closed backend was skipped, a new one opened");
    second.connection().send(FrontendEncoder.query("SELECT 'alive'"));
    assertEquals("alive", firstDataRowText(second.connection()), "the new backend works");
    var live = second.connection();
    second.close();
    PgBackend third = factory.getConnection(request);
    assertSame(live, third.connection(), "a live pooled backend is still reused");
    third.close();
  }

  @Test
  void aRotatedCredentialNeverReusesAnOldConnection(PostgresCluster pg) throws Exception {
    RecordingConnectionManager cm = new RecordingConnectionManager();
    PgBackendConnectionFactory factory = factory(cm);
    factory.getConnection(new PgBackendRequest("orders", target(pg, 1))).close();
    factory.getConnection(new PgBackendRequest("orders", target(pg, 2))).close();
    assertEquals(2, cm.created, "credential version 2 does not match a version-1 connection");
  }

  @Test
  void aMissReturnsNullSoThePoolCreatesANewConnection(PostgresCluster pg) throws Exception {
    RecordingConnectionManager cm = new RecordingConnectionManager();
    PgBackendManagedConnectionFactory mcf = new PgBackendManagedConnectionFactory();
    PgBackendRequest orders = new PgBackendRequest("orders", target(pg, 1));
    ManagedConnection managed = mcf.createManagedConnection(null, orders);
    try {
      assertNull(
          mcf.matchManagedConnections(
              Set.of(managed), null, new PgBackendRequest("billing", target(pg, 1))),
          "another connection's request must not match");
      assertSame(managed, mcf.matchManagedConnections(Set.of(managed), null, orders), "a hit");
    } finally {
      managed.destroy();
      managed.destroy();
    }
  }

  @Test
  void aDiscardedConnectionIsDestroyedNotPooled(PostgresCluster pg) throws Exception {
    RecordingConnectionManager cm = new RecordingConnectionManager();
    PgBackendConnectionFactory factory = factory(cm);
    PgBackendRequest request = new PgBackendRequest("orders", target(pg, 1));
    PgBackend backend = factory.getConnection(request);
    backend.discard();
    assertEquals(List.of("error"), cm.events, "discard fires CONNECTION_ERROR_OCCURRED");
    assertTrue(cm.idle.isEmpty(), "nothing returned to the pool");
    assertThrows(IllegalStateException.class, backend::connection, "the handle is detached");
  }

  @Test
  void aWrongPasswordIsASpecificAllocationError(PostgresCluster pg) {
    TargetSpec good = target(pg, 1);
    TargetSpec bad =
        new TargetSpec(
            good.host(),
            good.port(),
            good.database(),
            null,
            "disable",
            null,
            null,
            good.username(),
            "wrong-password",
            "password",
            1);
    ResourceException e =
        assertThrows(
            ResourceException.class,
            () ->
                factory(new RecordingConnectionManager())
                    .getConnection(new PgBackendRequest("orders", bad)));
    assertTrue(e.getMessage().contains("orders"), "names the connection: " + e.getMessage());
    assertTrue(!e.getMessage().contains("wrong-password"), "never shows the secret");
  }

  private static void drainToReady(io.gatehouse.pg.backend.BackendConnection backend)
      throws Exception {
    while (backend.read().type() != 'Z') {
      // skip to ReadyForQuery
    }
  }

  private static String firstDataRowText(io.gatehouse.pg.backend.BackendConnection backend)
      throws Exception {
    String value = null;
    while (true) {
      var frame = backend.read();
      if (frame.type() == 'D' && value == null) {
        var row = (io.gatehouse.pg.wire.DataRow) io.gatehouse.pg.wire.BackendMessages.parse(frame);
        var slice = row.value(0);
        byte[] bytes = new byte[slice.remaining()];
        slice.get(bytes);
        value = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      } else if (frame.type() == 'Z') {
        return value;
      }
    }
  }
}
