package io.gatehouse.web.admin.sessions;

import java.io.Serializable;

/**
 * One recorded event, readied for the timeline.
 *
 * @param kind {@code statement}, {@code result}, {@code error} or the recorded type
 * @param headline what happened in a few words ("SELECT 2", "blocked by no-drop")
 * @param detail the statement text, the error message, or the raw payload
 * @param decision {@code allow}, {@code block}, {@code review} or null
 */
public record TimelineEntry(
    long sequence,
    String at,
    String kind,
    String headline,
    String detail,
    String decision,
    String ruleId)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** CSS modifier: statements by decision, errors red, everything else neutral. */
  public String tone() {
    if ("error".equals(kind) || "block".equals(decision)) {
      return "bad";
    }
    if ("review".equals(decision)) {
      return "held";
    }
    return "statement".equals(kind) ? "ok" : "plain";
  }
}
