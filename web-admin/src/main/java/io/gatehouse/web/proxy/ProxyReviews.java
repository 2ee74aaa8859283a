package io.gatehouse.web.proxy;

import io.gatehouse.connector.api.ReviewTicket;

/**
 * The control plane's review service as the proxy sees it: a request a {@code review} rule holds is
 * asked for ({@link #request}), then polled ({@link #status}) while the caller's HTTP request is
 * held open.
 */
public interface ProxyReviews {

  /** No review service: held requests are refused with 403 naming the rule. */
  ProxyReviews NONE =
      new ProxyReviews() {
        @Override
        public ReviewTicket request(ProxyTarget target, String subject, String ruleId) {
          return null;
        }

        @Override
        public ReviewTicket status(String reviewId) {
          throw new IllegalStateException("no review service");
        }
      };

  /**
   * Creates a pending review of {@code subject} (or finds an approval of the same subject by the
   * same identity on the same connection still in its window: then the ticket is approved).
   *
   * @return null when reviews are not available here (the request is refused)
   * @throws ProxyDeniedException when the review cannot be created
   */
  ReviewTicket request(ProxyTarget target, String subject, String ruleId)
      throws ProxyDeniedException;

  /** Where the review stands now. */
  ReviewTicket status(String reviewId);
}
