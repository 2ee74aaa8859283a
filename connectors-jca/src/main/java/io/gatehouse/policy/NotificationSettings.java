package io.gatehouse.policy;

import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a policy's review and grant events are posted (Slack-compatible JSON), and which.
 *
 * @param webhookUrl an absolute {@code http} or {@code https} URL
 * @param events the events sent; every event when the policy names none
 */
public record NotificationSettings(URI webhookUrl, Set<Event> events) {

  /** The longest webhook URL accepted. */
  public static final int MAX_URL_LENGTH = 2000;

  /** What happened to a review or a grant. */
  public enum Event {
    REVIEW_REQUESTED,
    REVIEW_APPROVED,
    REVIEW_REJECTED,
    GRANT_REQUESTED,
    GRANT_APPROVED,
    GRANT_REJECTED,
    GRANT_REVOKED,
    GRANT_EXPIRED;

    /** The name in policies and payloads: {@code review.requested}, {@code grant.expired}. */
    public String policyName() {
      return name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");
    }

    public static Optional<Event> fromPolicyName(String name) {
      return Arrays.stream(values()).filter(e -> e.policyName().equals(name)).findFirst();
    }

    public static List<String> policyNames() {
      return Arrays.stream(values()).map(Event::policyName).toList();
    }
  }

  public NotificationSettings {
    Objects.requireNonNull(webhookUrl, "webhookUrl");
    String problem = urlProblem(webhookUrl.toString());
    if (problem != null) {
      throw new IllegalArgumentException("webhookUrl " + problem);
    }
    events = events == null || events.isEmpty() ? EnumSet.allOf(Event.class) : copy(events);
  }

  public boolean sends(Event event) {
    return events.contains(event);
  }

  /** Why {@code url} cannot be a webhook, or null when it can. */
  public static String urlProblem(String url) {
    if (url.length() > MAX_URL_LENGTH) {
      return "must be at most " + MAX_URL_LENGTH + " characters";
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      return "is not a valid URL: " + e.getReason();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "must be an absolute http:// or https:// URL";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "must name a host";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a #fragment";
    }
    return null;
  }

  private static Set<Event> copy(Collection<Event> events) {
    return Set.copyOf(EnumSet.copyOf(events));
  }
}
