package io.gatehouse.control.infrastructure.timers;

import io.gatehouse.control.application.GrantExpiry;
import io.gatehouse.control.application.GrantService;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.io.Serializable;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Logger;

/**
 * Grant ends as persistent EJB timers: kept in the store, so they survive a restart and another
 * server takes over the timer of one that died. The timer's info is the grant id.
 */
@Stateless
public class EjbGrantExpiry implements GrantExpiry {

  private static final Logger LOG = Logger.getLogger(EjbGrantExpiry.class.getName());

  /** The info of a warning timer: this prefix and the grant id (an end timer's is the id). */
  static final String WARNING = "warn:";

  @Resource TimerService timers;
  @EJB GrantService grants;

  @Override
  public void schedule(String grantId, Instant end) {
    cancel(grantId);
    timers.createSingleActionTimer(Date.from(end), new TimerConfig(grantId, true));
    LOG.fine(() -> "Timer armed for grant " + grantId + " at " + end);
  }

  @Override
  public void scheduleWarning(String grantId, Instant at) {
    timers.createSingleActionTimer(Date.from(at), new TimerConfig(WARNING + grantId, true));
    LOG.fine(() -> "Warning armed for grant " + grantId + " at " + at);
  }

  @Override
  public void cancel(String grantId) {
    for (Timer timer : timers.getTimers()) {
      Serializable info = timer.getInfo();
      if (grantId.equals(info) || (WARNING + grantId).equals(info)) {
        timer.cancel();
      }
    }
  }

  @Timeout
  void fired(Timer timer) {
    String info = (String) timer.getInfo();
    if (info.startsWith(WARNING)) {
      grants.warn(info.substring(WARNING.length()));
    } else {
      grants.expire(info);
    }
  }
}
