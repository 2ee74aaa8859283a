package io.gatehouse.web.admin.sessions;

import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.application.VerificationView;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Backs session.xhtml?id=…: one session, its timeline of events, whether its recording is intact,
 * the terminal player when it has terminal output, and terminating it while it is live.
 */
@Named
@ViewScoped
public class SessionDetailBean implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject SessionsFacade facade;
  @Inject SessionActions actions;

  private String id;
  private SessionRow session;
  private List<TimelineEntry> timeline = List.of();
  private boolean replayable;
  private String integrity;
  private boolean intact;
  private String terminateReason;

  /** The view action: loads the session named by the {@code id} view parameter. */
  public void load() {
    session = id == null ? null : facade.get(id).orElse(null);
    timeline = session == null ? List.of() : facade.timeline(id);
    replayable = session != null && facade.replayable(id);
    integrity = session == null ? null : integrity(actions.verify(id));
  }

  private String integrity(VerificationView v) {
    intact = v.valid();
    if (v.valid()) {
      return "Intact: "
          + v.events()
          + " events chained"
          + (v.seal() != null && v.seal().valid()
              ? ", sealed with key " + v.seal().keyId() + " (" + v.seal().algorithm() + ")"
              : "");
    }
    String events =
        v.problems().stream()
            .map(p -> "event " + p.sequence() + ": " + p.problem())
            .collect(Collectors.joining("; "));
    String seal =
        v.seal() == null || v.seal().valid() ? "" : String.join("; ", v.seal().problems());
    return "NOT intact: "
        + String.join(" · ", List.of(events, seal).stream().filter(s -> !s.isEmpty()).toList());
  }

  public void terminate() {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      actions.terminate(id, terminateReason);
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_INFO, "Session terminated", "Reason: " + terminateReason));
      terminateReason = null;
    } catch (InvalidRequestException e) {
      faces.addMessage(
          null,
          new FacesMessage(FacesMessage.SEVERITY_ERROR, "Not terminated", "A reason is required."));
      return;
    } catch (ResourceConflictException | ResourceNotFoundException | SecurityException e) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Not terminated", e.getMessage()));
    }
    load();
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

  public boolean isReplayable() {
    return replayable;
  }

  public String getIntegrity() {
    return integrity;
  }

  public boolean isIntact() {
    return intact;
  }

  public String getTerminateReason() {
    return terminateReason;
  }

  public void setTerminateReason(String terminateReason) {
    this.terminateReason = terminateReason;
  }
}
