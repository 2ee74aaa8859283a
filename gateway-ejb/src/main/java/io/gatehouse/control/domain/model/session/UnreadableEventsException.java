package io.gatehouse.control.domain.model.session;

/**
 * Stored events that cannot be read back: the store's copy of events {@code first} to {@code last}
 * of a session was altered so that it no longer decodes (or was written by something else).
 * Verification reports the range as a problem; other readers fail with this message.
 */
public class UnreadableEventsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String sessionId;
  private final long first;
  private final long last;
  private final String why;

  public UnreadableEventsException(String sessionId, long first, long last, String why) {
    super(
        "The stored events "
            + first
            + " to "
            + last
            + " of session "
            + sessionId
            + " cannot be read: "
            + why);
    this.sessionId = sessionId;
    this.first = first;
    this.last = last;
    this.why = why;
  }

  public String sessionId() {
    return sessionId;
  }

  public long first() {
    return first;
  }

  public long last() {
    return last;
  }

  /** What is wrong, without the range (for a verification problem that names it already). */
  public String why() {
    return why;
  }
}
