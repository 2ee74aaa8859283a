package io.gatehouse.control.infrastructure.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Which database the store is, asked once from the driver (the answer cannot change). */
final class StoreKind {

  static final String JNDI_NAME = "jdbc/gatehouse";

  private static final Logger LOG = Logger.getLogger(StoreKind.class.getName());
  private static volatile Boolean postgres;

  private StoreKind() {}

  static boolean isPostgres(DataSource store) {
    Boolean known = postgres;
    if (known != null) {
      return known;
    }
    try (Connection connection = store.getConnection()) {
      boolean is = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
      postgres = is;
      return is;
    } catch (SQLException e) {
      LOG.log(Level.FINE, "store unreachable; cannot tell its kind yet", e);
      return false;
    }
  }
}
