package io.gatehouse.control.infrastructure.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the store answers: without it nothing can be recorded or decided. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

  @Resource(lookup = "jdbc/gatehouse")
  DataSource store;

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = store.getConnection()) {
      boolean valid = connection.isValid(2);
      return HealthCheckResponse.named("store")
          .status(valid)
          .withData("database", connection.getMetaData().getDatabaseProductName())
          .build();
    } catch (SQLException e) {
      return HealthCheckResponse.named("store")
          .down()
          .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage())
          .build();
    }
  }
}
