package io.gatehouse.control.domain.model.review;

import java.util.List;
import java.util.Optional;

/** Where reviews are kept. */
public interface ReviewRepository {

  Optional<Review> find(String id);

  List<Review> findByStatus(ReviewStatus status);

  void store(Review review);
}
