package io.gatehouse.web.proxy;

import io.gatehouse.http.json.ValueMasker;
import java.util.List;

/**
 * What to do with one request.
 *
 * <p>{@link Action#REVIEW} holds the HTTP request open while reviewers decide (a 202 would let
 * kubectl and most HTTP clients believe the request had run); approved, it is forwarded with the
 * masking carried here; rejected, expired, or without a review service, it is answered 403 naming
 * the rule and the review.
 *
 * @param action allow, block or review
 * @param ruleId the rule that decided; null for the policy's default
 * @param message shown to the caller on block or review; may be null
 * @param reviewId the review to ask for; may be null
 * @param maskPaths JSONPath expressions ({@link io.gatehouse.http.json.JsonPathExpression}) to mask
 *     in a JSON response, on top of Kubernetes Secrets
 * @param masker how masked values are rewritten
 * @param contentMasker applied to every other JSON string and number (the policy's detectors);
 *     null: none
 */
public record ProxyDecision(
    Action action,
    String ruleId,
    String message,
    String reviewId,
    List<String> maskPaths,
    ValueMasker masker,
    ValueMasker contentMasker) {

  /** What happens to the request. */
  public enum Action {
    ALLOW,
    BLOCK,
    REVIEW
  }

  public static ProxyDecision allow() {
    return allow(List.of(), ValueMasker.REDACT);
  }

  public static ProxyDecision allow(List<String> maskPaths, ValueMasker masker) {
    return allow(maskPaths, masker, null);
  }

  public static ProxyDecision allow(
      List<String> maskPaths, ValueMasker masker, ValueMasker contentMasker) {
    return new ProxyDecision(
        Action.ALLOW, null, null, null, List.copyOf(maskPaths), masker, contentMasker);
  }

  /** Whether the response must be rewritten (and so must be JSON). */
  public boolean masks() {
    return !maskPaths.isEmpty() || contentMasker != null;
  }

  public static ProxyDecision block(String ruleId, String message) {
    return new ProxyDecision(
        Action.BLOCK, ruleId, message, null, List.of(), ValueMasker.REDACT, null);
  }

  public static ProxyDecision review(String ruleId, String message, String reviewId) {
    return review(ruleId, message, reviewId, List.of(), null);
  }

  /**
   * Held for review; {@code maskPaths} and {@code contentMasker} apply to the response once the
   * review approves the request.
   */
  public static ProxyDecision review(
      String ruleId,
      String message,
      String reviewId,
      List<String> maskPaths,
      ValueMasker contentMasker) {
    return new ProxyDecision(
        Action.REVIEW,
        ruleId,
        message,
        reviewId,
        List.copyOf(maskPaths),
        ValueMasker.REDACT,
        contentMasker);
  }

  /** The caller-facing text of a refusal: rule, message, review. */
  String refusalText() {
    StringBuilder s =
        new StringBuilder(action == Action.REVIEW ? "held for review" : "blocked")
            .append(" by rule ")
            .append(ruleId == null ? "(default action)" : ruleId);
    if (message != null && !message.isBlank()) {
      s.append(": ").append(message);
    }
    if (reviewId != null) {
      s.append(" (review ").append(reviewId).append(')');
    }
    return s.toString();
  }
}
