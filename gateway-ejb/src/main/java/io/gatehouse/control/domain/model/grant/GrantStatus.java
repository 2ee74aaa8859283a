package io.gatehouse.control.domain.model.grant;

/** A grant's life: PENDING, then ACTIVE or REJECTED; ACTIVE ends EXPIRED or REVOKED. */
public enum GrantStatus {
  PENDING,
  ACTIVE,
  REJECTED,
  EXPIRED,
  REVOKED
}
