package io.gatehouse.web.proxy.control;

import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.application.ReviewService;
import io.gatehouse.web.proxy.ProxyDeniedException;
import io.gatehouse.web.proxy.ProxyReviews;
import io.gatehouse.web.proxy.ProxyTarget;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reviews of held proxy requests through the control plane's {@link ReviewService}, the same
 * service the PostgreSQL and SSH paths use: the review lists, approvals, rejections, approval
 * windows and expiry are theirs.
 */
@ApplicationScoped
public class ControlPlaneProxyReviews implements ProxyReviews {

  @EJB ReviewService reviews;

  @Override
  public ReviewTicket request(ProxyTarget target, String subject, String ruleId)
      throws ProxyDeniedException {
    try {
      return reviews.hold(
          new ReviewRequestInfo(
              target.sessionId(), target.identity(), target.connection(), subject, ruleId));
    } catch (ResourceNotFoundException e) {
      throw new ProxyDeniedException(404, e.getMessage());
    } catch (RuntimeException e) {
      throw new ProxyDeniedException(
          503, "the request needs a review, which could not be requested: " + e.getMessage());
    }
  }

  @Override
  public ReviewTicket status(String reviewId) {
    return reviews.status(reviewId);
  }
}
