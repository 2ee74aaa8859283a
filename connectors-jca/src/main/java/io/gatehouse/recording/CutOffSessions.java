package io.gatehouse.recording;

import java.io.IOException;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Ends the recordings of sessions that an unclean stop cut off (the server's JVM was killed while
 * they were open): each gets a {@code session-end} event with the reason {@value #REASON}, chained
 * after its last spooled event, so the store ends the session, and seals it once everything before
 * is stored. Runs once at start, before the listeners take clients.
 */
public final class CutOffSessions {

  /** The end reason of a session cut off by its server's stop. */
  public static final String REASON = "server-lost";

  private static final Logger LOG = Logger.getLogger(CutOffSessions.class.getName());

  private CutOffSessions() {}

  /** Records the end of every session {@code spool} found cut off; returns how many. */
  public static int end(EventSpool spool, Clock clock) throws IOException {
    int ended = 0;
    for (EventSpool.Head head : spool.cutOff()) {
      if (head.hash() == null) {
        LOG.warning(
            () ->
                "Session "
                    + head.sessionId()
                    + " was cut off, but its spooled events are unchained (an old spool format);"
                    + " it stays open in the store");
        continue;
      }
      spool.append(
          EventChain.link(
              head.hash(),
              head.sessionId(),
              head.sequence() + 1,
              EventChain.recordable(clock.instant()),
              EventSpool.SESSION_END,
              "{\"reason\":\""
                  + REASON
                  + "\",\"detail\":"
                  + JsonText.quote(
                      "the gateway server stopped while the session was open; its recording"
                          + " ends with event "
                          + head.sequence())
                  + ",\"lastEventAt\":"
                  + JsonText.quote(head.at().toString())
                  + "}",
              null,
              null));
      ended++;
      LOG.warning(
          () ->
              "Session "
                  + head.sessionId()
                  + " was open when this server last stopped uncleanly; its end is recorded as "
                  + REASON
                  + " after event "
                  + head.sequence());
    }
    return ended;
  }
}
