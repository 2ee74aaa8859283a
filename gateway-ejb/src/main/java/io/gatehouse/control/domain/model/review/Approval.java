package io.gatehouse.control.domain.model.review;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.Objects;

/** One reviewer's approval, of a review or a grant. */
@Embeddable
public class Approval {

  @Column(name = "approver", length = 256, nullable = false)
  private String approver;

  @Column(name = "approved_at", nullable = false)
  private Instant approvedAt;

  @Column(name = "comment_text", length = 1000)
  private String comment;

  protected Approval() {}

  public Approval(String approver, Instant approvedAt, String comment) {
    this.approver = Objects.requireNonNull(approver, "approver");
    this.approvedAt = Objects.requireNonNull(approvedAt, "approvedAt");
    this.comment = comment;
  }

  public String approver() {
    return approver;
  }

  public Instant approvedAt() {
    return approvedAt;
  }

  public String comment() {
    return comment;
  }
}
