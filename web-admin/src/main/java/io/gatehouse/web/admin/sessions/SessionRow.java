package io.gatehouse.web.admin.sessions;

import io.gatehouse.control.application.SessionView;
import io.gatehouse.web.admin.Times;
import java.io.Serializable;

/** One session as the list and the detail page show it. */
public record SessionRow(
    String id,
    String identity,
    String groups,
    String connection,
    String protocol,
    String clientAddress,
    String startedAt,
    String endedAt,
    String duration,
    String status,
    String endReason,
    long statements,
    long blocked,
    long reviewed)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static SessionRow of(SessionView v) {
    return new SessionRow(
        v.id(),
        v.identity(),
        String.join(", ", v.groups()),
        v.connection(),
        v.protocol(),
        v.clientAddress(),
        Times.format(v.startedAt()),
        Times.format(v.endedAt()),
        Times.between(v.startedAt(), v.endedAt()),
        v.status(),
        v.endReason(),
        v.statements(),
        v.blocked(),
        v.reviewed());
  }

  /** The first block of the id, enough to tell sessions apart on a small screen. */
  public String shortId() {
    int dash = id.indexOf('-');
    return dash > 0 ? id.substring(0, dash) : id;
  }
}
