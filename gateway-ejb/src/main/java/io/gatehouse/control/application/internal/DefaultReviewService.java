package io.gatehouse.control.application.internal;

import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.control.application.ActionForbiddenException;
import io.gatehouse.control.application.Caller;
import io.gatehouse.control.application.DecisionView;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.application.ReviewService;
import io.gatehouse.control.application.ReviewView;
import io.gatehouse.control.domain.model.connection.ConnectionRepository;
import io.gatehouse.control.domain.model.policy.PolicyRepository;
import io.gatehouse.control.domain.model.review.Review;
import io.gatehouse.control.domain.model.review.ReviewRepository;
import io.gatehouse.control.domain.model.review.ReviewRequest;
import io.gatehouse.control.domain.model.review.ReviewStatus;
import io.gatehouse.policy.NotificationSettings.Event;
import io.gatehouse.policy.ReviewSettings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

@Stateless
public class DefaultReviewService implements ReviewService {

  private static final Logger LOG = Logger.getLogger(DefaultReviewService.class.getName());
  static final String DEFAULT_RULE = "default";

  @Inject ReviewRepository reviews;
  @Inject ConnectionRepository connections;
  @Inject PolicyRepository policies;
  @Inject Notifier notifier;
  Clock clock = Clock.systemUTC();

  @Override
  public ReviewTicket hold(ReviewRequestInfo request) {
    ReviewSettings settings = ReviewPolicies.of(connections, policies, request.connection());
    Instant now = clock.instant();
    Duration window = Duration.ofSeconds(settings.approvalWindowSeconds());
    Optional<Review> covering =
        reviews.findApproved(request.identity(), request.connection(), request.subject()).stream()
            .filter(r -> r.coversAt(request.subject(), now, window))
            .findFirst();
    if (covering.isPresent()) {
      LOG.info(
          () ->
              "Session "
                  + request.sessionId()
                  + ": statement runs under the approval of review "
                  + covering.get().id());
      return ticket(covering.get());
    }
    Review review =
        new Review(
            new ReviewRequest(
                request.sessionId(),
                request.identity(),
                request.connection(),
                request.ruleId() == null ? DEFAULT_RULE : request.ruleId(),
                request.subject(),
                Set.copyOf(settings.approverGroups()),
                settings.minApprovals(),
                Duration.ofSeconds(settings.timeoutSeconds())),
            now);
    reviews.store(review);
    notifier.review(Event.REVIEW_REQUESTED, review, null, null);
    LOG.info(
        () ->
            "Session "
                + request.sessionId()
                + ": review "
                + review.id()
                + " opened for "
                + request.identity()
                + " on "
                + request.connection());
    return ticket(review);
  }

  @Override
  public ReviewTicket status(String reviewId) {
    Review review = require(reviewId);
    review.expireIfDue(clock.instant());
    return ticket(review);
  }

  @Override
  public List<ReviewView> pending(Caller caller) {
    Instant now = clock.instant();
    return reviews.findByStatus(ReviewStatus.PENDING).stream()
        .filter(r -> now.isBefore(r.expiresAt()))
        .filter(r -> caller.admin() || mayDecide(caller, r) || caller.name().equals(r.requester()))
        .map(DefaultReviewService::view)
        .toList();
  }

  @Override
  public ReviewView get(Caller caller, String id) {
    Review review = require(id);
    if (!caller.overseer()
        && !mayDecide(caller, review)
        && !caller.name().equals(review.requester())) {
      throw notFound(id);
    }
    review.expireIfDue(clock.instant());
    return view(review);
  }

  @Override
  public ReviewView approve(Caller caller, String id, String reason) {
    DefaultGrantService.requireReason(reason);
    Review review = requirePending(id);
    if (caller.name().equals(review.requester())) {
      throw new ActionForbiddenException(
          caller.name() + " requested review " + id + " and cannot approve it");
    }
    if (!mayDecide(caller, review)) {
      throw new ActionForbiddenException(
          "approving review " + id + " needs one of the groups " + review.approverGroups());
    }
    if (review.approvals().stream().anyMatch(a -> a.approver().equals(caller.name()))) {
      throw new ResourceConflictException(caller.name() + " has already approved review " + id);
    }
    review.approve(caller.name(), caller.groups(), reason.strip(), clock.instant());
    if (review.status() == ReviewStatus.APPROVED) {
      notifier.review(Event.REVIEW_APPROVED, review, caller.name(), reason.strip());
    }
    LOG.info(
        () ->
            "Review "
                + id
                + " approved by "
                + caller.name()
                + " ("
                + review.approvals().size()
                + " of "
                + review.minApprovals()
                + ")");
    return view(review);
  }

  @Override
  public ReviewView reject(Caller caller, String id, String reason) {
    DefaultGrantService.requireReason(reason);
    Review review = requirePending(id);
    if (!caller.name().equals(review.requester()) && !mayDecide(caller, review)) {
      throw new ActionForbiddenException(
          "rejecting review " + id + " needs one of the groups " + review.approverGroups());
    }
    review.reject(caller.name(), caller.groups(), reason.strip(), clock.instant());
    notifier.review(Event.REVIEW_REJECTED, review, caller.name(), reason.strip());
    LOG.info(() -> "Review " + id + " rejected by " + caller.name());
    return view(review);
  }

  private Review requirePending(String id) {
    Review review = require(id);
    review.expireIfDue(clock.instant());
    if (review.status() != ReviewStatus.PENDING) {
      throw new ResourceConflictException(
          "review "
              + id
              + " is "
              + review.status().name().toLowerCase(Locale.ROOT)
              + " and can no longer be decided");
    }
    return review;
  }

  private static boolean mayDecide(Caller caller, Review review) {
    return review.approverGroups().stream().anyMatch(caller.groups()::contains);
  }

  private Review require(String id) {
    return reviews.find(id).orElseThrow(() -> notFound(id));
  }

  private static ResourceNotFoundException notFound(String id) {
    return new ResourceNotFoundException("No review with id '" + id + "'");
  }

  static ReviewTicket ticket(Review review) {
    return new ReviewTicket(
        review.id(),
        ReviewTicket.State.valueOf(review.status().name()),
        review.expiresAt(),
        review.decidedBy(),
        review.decisionComment());
  }

  static ReviewView view(Review r) {
    return new ReviewView(
        r.id(),
        r.sessionId(),
        r.requester(),
        r.connectionName(),
        r.ruleId(),
        r.subject(),
        r.status().name().toLowerCase(Locale.ROOT),
        r.approverGroups().stream().sorted().toList(),
        r.minApprovals(),
        r.approvals().stream()
            .map(a -> new DecisionView(a.approver(), a.approvedAt(), a.comment()))
            .toList(),
        r.requestedAt(),
        r.expiresAt(),
        r.decidedAt(),
        r.decidedBy(),
        r.decisionComment());
  }
}
