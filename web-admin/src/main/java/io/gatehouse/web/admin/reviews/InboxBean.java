package io.gatehouse.web.admin.reviews;

import io.gatehouse.control.application.ActionForbiddenException;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.web.admin.UiCaller;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.primefaces.PrimeFaces;

/**
 * Backs inbox.xhtml: what waits for a decision, refreshed by a poll. The poll re-renders the list
 * only when its content changed, so a comment being typed is not wiped every few seconds; the
 * comments themselves live here, keyed by item id, and travel with every poll.
 */
@Named
@ViewScoped
public class InboxBean implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject InboxFacade facade;
  @Inject UiCaller caller;

  private List<InboxItem> items = List.of();
  private final Map<String, String> comments = new HashMap<>();
  private String lastDecision;

  public void load() {
    items = facade.pending(caller.get());
  }

  /** The poll: reloads, and re-renders the list only if something arrived or went. */
  public void refresh() {
    List<InboxItem> before = items;
    load();
    if (!Objects.equals(ids(before), ids(items))) {
      PrimeFaces.current().ajax().update("inbox:items", "inbox:count");
    }
  }

  public void approve(InboxItem item) {
    decide(item, "approved", (c, i) -> facade.approve(caller.get(), i, c));
  }

  public void reject(InboxItem item) {
    decide(item, "rejected", (c, i) -> facade.reject(caller.get(), i, c));
  }

  private void decide(InboxItem item, String verb, BiConsumer<String, InboxItem> action) {
    FacesContext faces = FacesContext.getCurrentInstance();
    String comment = comments.get(item.id());
    if (comment == null || comment.isBlank()) {
      faces.addMessage(
          "inbox:items",
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR,
              "A comment is required",
              "Say why the " + item.kind() + " by " + item.requester() + " is " + verb + "."));
      faces.validationFailed();
      return;
    }
    try {
      action.accept(comment, item);
      comments.remove(item.id());
      lastDecision = item.kind() + " " + item.id() + " " + verb;
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_INFO,
              capitalised(item.kind()) + " " + verb,
              item.requester() + " on " + item.connection() + ": " + comment.strip()));
    } catch (ActionForbiddenException
        | ResourceConflictException
        | ResourceNotFoundException
        | InvalidRequestException e) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Not " + verb, e.getMessage()));
    }
    load();
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static List<String> ids(List<InboxItem> items) {
    return items.stream().map(InboxItem::id).toList();
  }

  public List<InboxItem> getItems() {
    return items;
  }

  public Map<String, String> getComments() {
    return comments;
  }

  public String getLastDecision() {
    return lastDecision;
  }
}
