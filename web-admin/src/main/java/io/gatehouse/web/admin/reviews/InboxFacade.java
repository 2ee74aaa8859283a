package io.gatehouse.web.admin.reviews;

import io.gatehouse.control.application.Caller;
import io.gatehouse.control.application.GrantService;
import io.gatehouse.control.application.ReviewService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbox's way into the control plane. Deciding goes through the same services as the API, so
 * every rule (no self-approval, approver groups, a reason) is the services' and holds here too.
 */
@ApplicationScoped
public class InboxFacade {

  @EJB ReviewService reviews;
  @EJB GrantService grants;

  /** Held work first (a client is waiting), then grant requests; oldest first within each. */
  public List<InboxItem> pending(Caller caller) {
    Instant now = Instant.now();
    List<InboxItem> items = new ArrayList<>();
    reviews.pending(caller).forEach(r -> items.add(InboxItem.of(r, caller, now)));
    grants.list(caller).stream()
        .filter(g -> "pending".equals(g.status()))
        .sorted(java.util.Comparator.comparing(g -> g.requestedAt()))
        .forEach(g -> items.add(InboxItem.of(g, caller)));
    return items;
  }

  public void approve(Caller caller, InboxItem item, String comment) {
    if (item.isReview()) {
      reviews.approve(caller, item.id(), comment);
    } else {
      grants.approve(caller, item.id(), comment);
    }
  }

  public void reject(Caller caller, InboxItem item, String comment) {
    if (item.isReview()) {
      reviews.reject(caller, item.id(), comment);
    } else {
      grants.reject(caller, item.id(), comment);
    }
  }
}
