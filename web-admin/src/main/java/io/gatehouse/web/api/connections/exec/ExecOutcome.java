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
}
