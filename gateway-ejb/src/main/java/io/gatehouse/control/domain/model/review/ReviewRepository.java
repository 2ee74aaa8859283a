package io.gatehouse.control.domain.model.review;

import java.util.List;
import java.util.Optional;

/** Where reviews are kept. */
public interface ReviewRepository {

  Optional<Review> find(String id);

  List<Review> findByStatus(ReviewStatus status);

  /** Approved reviews of exactly this subject, by this requester on this connection. */
  List<Review> findApproved(String requester, String connection, String subject);

  void store(Review review);
}
