package io.gatehouse.control.domain.model.review;

/** A review's state; only PENDING changes. */
public enum ReviewStatus {
  PENDING,
  APPROVED,
  REJECTED,
  EXPIRED
}
