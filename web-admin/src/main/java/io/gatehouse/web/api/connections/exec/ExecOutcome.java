package io.gatehouse.web.api.connections.exec;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What became of one statement sent through the gateway's own data path. */
public sealed interface ExecOutcome {

  /**
   * The statement ran; rows as the data path returned them (masked by the policy).
   *
   * @param truncated true when more rows came back than the API returns
   */
  record Completed(
      @Schema List<String> columns,
      @Schema List<List<String>> rows,
      @Schema String command,
      @Schema boolean truncated)
      implements ExecOutcome {}

  /** A review rule holds the statement; approve it, then send it again within the window. */
  record Held(@Schema String review, @Schema String status, @Schema String message)
      implements ExecOutcome {}

  /**
   * The gateway or the target refused it.
   *
   * @param sqlState the native SQLSTATE (42501: policy; 28000: access)
   */
  record Refused(String sqlState, String message, String hint) implements ExecOutcome {}

  /**
   * A command ran on an SSH connection's target (its output masked by the policy).
   *
   * @param exitStatus absent when the command was ended by the gateway (output limit)
   * @param sessionId the recorded session ({@code GET /api/v1/sessions/{id}/replay})
   * @param truncated true when stdout or stderr passed the output limit: the channel was then
   *     closed, which ends the command on the target as a disconnecting ssh client would
   */
  record CommandRan(
      @Schema String stdout,
      @Schema String stderr,
      @Schema Integer exitStatus,
      @Schema String sessionId,
      @Schema boolean truncated)
      implements ExecOutcome {}

  /** The gateway refused the command or the caller (access, a block rule): 403. */
  record Denied(String message) implements ExecOutcome {}

  /** The connection's target cannot be reached: 503, and a failure for its circuit breaker. */
  record TargetDown(String message) implements ExecOutcome {}

  /** The command did not finish in time and was ended: 504. */
  record TimedOut(String message) implements ExecOutcome {}
}
