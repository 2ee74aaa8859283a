package io.gatehouse.control.application;

import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import java.util.List;

/**
 * Reviews of held work. The data plane asks for one and polls it; reviewers list, approve and
 * reject. An approval covers exactly the held text, by the same identity on the same connection,
 * for the policy's approval window.
 */
public interface ReviewService {

  /** Holds work: a new pending review, or an approval still in its window. */
  ReviewTicket hold(ReviewRequestInfo request);

  /** Where a review stands (expiring it when its time is up). */
  ReviewTicket status(String reviewId);

  /** Pending reviews the caller may decide (all pending for admins), oldest first. */
  List<ReviewView> pending(Caller caller);

  ReviewView get(Caller caller, String id);

  ReviewView approve(Caller caller, String id, String reason);

  ReviewView reject(Caller caller, String id, String reason);
}
