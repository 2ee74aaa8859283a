package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.ActionForbiddenException;
import io.gatehouse.control.application.Caller;
import io.gatehouse.control.application.DataPlaneSessions;
import io.gatehouse.control.application.GrantExpiry;
import io.gatehouse.control.application.GrantService;
import io.gatehouse.control.application.GrantView;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.domain.model.connection.ConnectionRepository;
import io.gatehouse.control.domain.model.grant.Grant;
import io.gatehouse.control.domain.model.grant.GrantRepository;
import io.gatehouse.control.domain.model.grant.GrantStatus;
import io.gatehouse.control.domain.model.policy.PolicyRepository;
import io.gatehouse.policy.NotificationSettings.Event;
import io.gatehouse.policy.ReviewSettings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@Stateless
public class DefaultGrantService implements GrantService {

  private static final Logger LOG = Logger.getLogger(DefaultGrantService.class.getName());

  @Inject GrantRepository grants;
  @Inject ConnectionRepository connections;
  @Inject PolicyRepository policies;
  @EJB GrantExpiry expiry;
  @EJB DataPlaneSessions dataPlane;
  @Inject Notifier notifier;

  @Inject
  @ConfigProperty(name = "gatehouse.grant.min.seconds", defaultValue = "60")
  long minSeconds;

  @Inject
  @ConfigProperty(name = "gatehouse.grant.warning.seconds", defaultValue = "300")
  long warningSeconds;

  @Inject
  @ConfigProperty(name = "gatehouse.grant.warning.fraction", defaultValue = "0.2")
  double warningFraction;

  Clock clock = Clock.systemUTC();

  private ExpiryWarning warning() {
    return new ExpiryWarning(warningSeconds, warningFraction);
  }

  private GrantView view(Grant grant) {
    return GrantViews.of(grant, clock.instant(), warning());
  }

  @Override
  public GrantView request(Caller caller, String connection, long durationSeconds, String reason) {
    requireReason(reason);
    long max = Grant.MAX_DURATION.toSeconds();
    if (durationSeconds < minSeconds || durationSeconds > max) {
      throw new InvalidRequestException(
          "Invalid grant request",
          "/durationSeconds",
          "must be " + minSeconds + "-" + max + " seconds");
    }
    ReviewSettings settings;
    try {
      settings = ReviewPolicies.of(connections, policies, connection);
    } catch (ResourceNotFoundException e) {
      throw new InvalidRequestException("Invalid grant request", "/connection", e.getMessage());
    }
    Grant grant =
        new Grant(
            caller.name(),
            connection,
            reason.strip(),
            Duration.ofSeconds(durationSeconds),
            settings.minApprovals(),
            clock.instant());
    grants.store(grant);
    notifier.grant(Event.GRANT_REQUESTED, grant, caller.name(), reason.strip());
    LOG.info(
        () ->
            "Grant "
                + grant.id()
                + " requested by "
                + caller.name()
                + " on "
                + connection
                + " for "
                + durationSeconds
                + " s");
    return view(grant);
  }

  @Override
  public List<GrantView> list(Caller caller) {
    List<Grant> found = caller.overseer() ? grants.findAll() : grants.findByIdentity(caller.name());
    return found.stream().map(this::view).toList();
  }

  @Override
  public GrantView get(Caller caller, String id) {
    Grant grant = require(id);
    if (!caller.overseer() && !caller.name().equals(grant.identity())) {
      // Someone else's grant is not even confirmed to exist.
      throw notFound(id);
    }
    return view(grant);
  }

  @Override
  public GrantView approve(Caller caller, String id, String reason) {
    requireReason(reason);
    Grant grant = require(id);
    requireStatus(grant, GrantStatus.PENDING, "approved");
    if (caller.name().equals(grant.identity())) {
      throw new ActionForbiddenException(
          caller.name() + " requested grant " + id + " and cannot approve it");
    }
    ReviewSettings settings = ReviewPolicies.of(connections, policies, grant.connectionName());
    if (!ReviewPolicies.approver(caller.groups(), settings)) {
      throw new ActionForbiddenException(
          "approving grants on \""
              + grant.connectionName()
              + "\" needs one of the groups "
              + settings.approverGroups());
    }
    if (grant.approvals().stream().anyMatch(a -> a.approver().equals(caller.name()))) {
      throw new ResourceConflictException(caller.name() + " has already approved grant " + id);
    }
    grant.approve(
        caller.name(), caller.groups(), settings.approverGroups(), reason.strip(), clock.instant());
    if (grant.status() == GrantStatus.ACTIVE) {
      expiry.schedule(grant.id(), grant.windowEnd());
      Duration lead = warning().lead(grant.requestedDuration());
      if (!lead.isZero()) {
        expiry.scheduleWarning(grant.id(), grant.windowEnd().minus(lead));
      }
      notifier.grant(Event.GRANT_APPROVED, grant, caller.name(), reason.strip());
      LOG.info(
          () ->
              "Grant "
                  + id
                  + " approved by "
                  + caller.name()
                  + ": active until "
                  + grant.windowEnd());
    } else {
      LOG.info(() -> "Grant " + id + " approved by " + caller.name() + ", needs more approvals");
    }
    return view(grant);
  }

  @Override
  public GrantView reject(Caller caller, String id, String reason) {
    requireReason(reason);
    Grant grant = require(id);
    requireStatus(grant, GrantStatus.PENDING, "rejected");
    boolean withdrawing = caller.name().equals(grant.identity());
    if (!withdrawing) {
      ReviewSettings settings = ReviewPolicies.of(connections, policies, grant.connectionName());
      if (!ReviewPolicies.approver(caller.groups(), settings) && !caller.admin()) {
        throw new ActionForbiddenException(
            "rejecting grants on \""
                + grant.connectionName()
                + "\" needs one of the groups "
                + settings.approverGroups());
      }
    }
    grant.reject(caller.name(), reason.strip(), clock.instant());
    notifier.grant(Event.GRANT_REJECTED, grant, caller.name(), reason.strip());
    LOG.info(() -> "Grant " + id + " rejected by " + caller.name());
    return view(grant);
  }

  @Override
  public GrantView revoke(Caller caller, String id, String reason) {
    requireReason(reason);
    Grant grant = require(id);
    requireStatus(grant, GrantStatus.ACTIVE, "revoked");
    boolean own = caller.name().equals(grant.identity());
    if (!own && !caller.admin()) {
      ReviewSettings settings = ReviewPolicies.of(connections, policies, grant.connectionName());
      if (!ReviewPolicies.approver(caller.groups(), settings)) {
        throw new ActionForbiddenException(
            "revoking grants on \""
                + grant.connectionName()
                + "\" needs gatehouse-admin or one of the groups "
                + settings.approverGroups());
      }
    }
    grant.revoke(caller.name(), reason.strip(), clock.instant());
    expiry.cancel(id);
    notifier.grant(Event.GRANT_REVOKED, grant, caller.name(), reason.strip());
    int ended =
        dataPlane.terminateGrant(
            id, "grant " + id + " was revoked by " + caller.name() + ": " + reason.strip());
    LOG.info(() -> "Grant " + id + " revoked by " + caller.name() + "; sessions ended: " + ended);
    return view(grant);
  }

  @Override
  public void expire(String id) {
    Grant grant = grants.find(id).orElse(null);
    if (grant == null || grant.status() != GrantStatus.ACTIVE) {
      return;
    }
    Instant now = clock.instant();
    if (!grant.expireIfDue(now)) {
      expiry.schedule(id, grant.windowEnd());
      return;
    }
    notifier.grant(Event.GRANT_EXPIRED, grant, null, null);
    int ended = dataPlane.terminateGrant(id, "grant " + id + " has expired");
    LOG.info(() -> "Grant " + id + " expired; sessions ended: " + ended);
  }

  @Override
  public void warn(String id) {
    Grant grant = grants.find(id).orElse(null);
    Instant now = clock.instant();
    if (grant == null || !grant.isActiveAt(now)) {
      return;
    }
    String message =
        ExpiryWarning.message(
            id,
            grant.connectionName(),
            grant.windowEnd(),
            Duration.between(now, grant.windowEnd()));
    int warned = dataPlane.warnGrant(id, message);
    LOG.info(
        () -> "Grant " + id + " ends at " + grant.windowEnd() + "; sessions warned: " + warned);
  }

  private Grant require(String id) {
    return grants.find(id).orElseThrow(() -> notFound(id));
  }

  private static ResourceNotFoundException notFound(String id) {
    return new ResourceNotFoundException("No grant with id '" + id + "'");
  }

  private static void requireStatus(Grant grant, GrantStatus expected, String verb) {
    if (grant.status() != expected) {
      throw new ResourceConflictException(
          "grant "
              + grant.id()
              + " is "
              + grant.status().name().toLowerCase(Locale.ROOT)
              + " and cannot be "
              + verb);
    }
  }

  static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidRequestException("A reason is required", "/reason", "is required");
    }
    if (reason.length() > 1000) {
      throw new InvalidRequestException(
          "The reason is too long", "/reason", "must be at most 1000 characters");
    }
  }
}
