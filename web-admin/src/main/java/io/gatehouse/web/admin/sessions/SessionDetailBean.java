package io.gatehouse.web.admin.sessions;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Backs session.xhtml?id=…: one session and its timeline of events. */
@Named
@ViewScoped
public class SessionDetailBean implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject SessionsFacade facade;

  private String id;
  private SessionRow session;
  private List<TimelineEntry> timeline = List.of();

  /** The view action: loads the session named by the {@code id} view parameter. */
  public void load() {
    session = id == null ? null : facade.get(id).orElse(null);
    timeline = session == null ? List.of() : facade.timeline(id);
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public SessionRow getSession() {
    return session;
  }

  public List<TimelineEntry> getTimeline() {
    return timeline;
  }

  public boolean isTimelineTruncated() {
    return timeline.size() >= SessionsFacade.TIMELINE_LIMIT;
  }
}
