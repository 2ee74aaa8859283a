package io.gatehouse.control.infrastructure.persistence;

import io.gatehouse.control.domain.model.review.Review;
import io.gatehouse.control.domain.model.review.ReviewRepository;
import io.gatehouse.control.domain.model.review.ReviewStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaReviewRepository implements ReviewRepository {

  @PersistenceContext(unitName = "gatehouse")
  EntityManager em;

  @Override
  public Optional<Review> find(String id) {
    return Optional.ofNullable(em.find(Review.class, id));
  }

  @Override
  public List<Review> findByStatus(ReviewStatus status) {
    return em.createNamedQuery("Review.findByStatus", Review.class)
        .setParameter("status", status)
        .getResultList();
  }

  @Override
  public List<Review> findApproved(String requester, String connection, String subject) {
    return em.createNamedQuery("Review.findApprovedSubject", Review.class)
        .setParameter("requester", requester)
        .setParameter("connection", connection)
        .setParameter("subjectHash", Review.subjectHash(subject))
        .setParameter("status", ReviewStatus.APPROVED)
        .getResultList();
  }

  @Override
  public void store(Review review) {
    if (!em.contains(review)) {
      em.persist(review);
    }
  }
}
