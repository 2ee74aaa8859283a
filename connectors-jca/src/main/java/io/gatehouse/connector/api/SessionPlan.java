package io.gatehouse.connector.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the control plane decided for one session: everything the data plane needs to run it without
 * asking again. The policy travels as its canonical JSON with a version, so the data plane compiles
 * each policy version once and caches it.
 *
 * @param sessionId the session's id, used in recordings and terminations
 * @param identity who the token names
 * @param groups the token's groups (for group-scoped rules and masking exemptions)
 * @param connection the connection name
 * @param protocol the data path
 * @param target the target and the gateway's credential for it
 * @param policyName the policy's name, or null for none
 * @param policyVersion the policy's version (changes on every update)
 * @param policyJson the policy document, canonical JSON, or null for none
 * @param accessExpiresAt when access ends (token expiry or grant end); the session is ended then
 * @param grantId the just-in-time grant giving access, or null for standing access
 * @param maskingKey the keyed-hash masking key for this deployment
 */
public record SessionPlan(
    String sessionId,
    String identity,
    Set<String> groups,
    String connection,
    Protocol protocol,
    TargetSpec target,
    String policyName,
    long policyVersion,
    String policyJson,
    Instant accessExpiresAt,
    String grantId,
    byte[] maskingKey)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public SessionPlan {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(identity, "identity");
    groups = Set.copyOf(groups);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
  }

  @Override
  public String toString() {
    return "SessionPlan["
        + sessionId
        + " "
        + identity
        + " -> "
        + connection
        + " policy="
        + policyName
        + "@"
        + policyVersion
        + " until "
        + accessExpiresAt
        + "]";
  }
}
