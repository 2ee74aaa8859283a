package io.gatehouse.control.infrastructure.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Starts, on a PostgreSQL store, the loop that listens for terminations sent by the other servers
 * ({@link TerminationNotificationLoop}) and stops it with the application. On Derby there is one
 * server and nothing to listen for.
 */
@Startup
@Singleton
public class TerminationListener {

  private static final Logger LOG = Logger.getLogger(TerminationListener.class.getName());

  @Resource(lookup = StoreKind.JNDI_NAME)
  DataSource store;

  @EJB TerminationNotificationLoop loop;

  private final AtomicBoolean running = new AtomicBoolean();
  private Future<Void> future;

  @PostConstruct
  void start() {
    if (!StoreKind.isPostgres(store)) {
      LOG.info("Store is not PostgreSQL: terminations stay on this server (no LISTEN)");
      return;
    }
    running.set(true);
    future = loop.listen(running);
    LOG.info(
        () ->
            "Listening for terminations from other gateway servers on channel "
                + TerminationMessage.CHANNEL
                + " (this server: "
                + TerminationMessage.THIS_SERVER
                + ")");
  }

  @PreDestroy
  void stop() {
    running.set(false);
    if (future != null) {
      future.cancel(true);
    }
  }
}
