package io.gatehouse.ssh.gateway;

import io.gatehouse.recording.JsonText;
import io.gatehouse.ssh.relay.Decision;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.server.session.ServerSession;

/**
 * Decides each line of a shell under command rules when Enter is pressed: the policy's decision (a
 * line edited beyond what keystrokes tell is refused), a hold for review where a rule says so
 * (never for a line typed without echo, which may be a password), the {@code command} event, and a
 * red refusal on the user's terminal.
 */
final class ShellLines implements ShellInput.LineCheck {

  private static final Logger LOG = Logger.getLogger(ShellLines.class.getName());

  private final ServerSession session;
  private final SshSessionState state;
  private final int channel;
  private final SshGateway.Reviews reviews;
  private final Supplier<OutputStream> terminal;

  /**
   * @param terminal the channel's output to the client (masked and recorded), once it exists
   */
  ShellLines(
      ServerSession session,
      SshSessionState state,
      int channel,
      SshGateway.Reviews reviews,
      Supplier<OutputStream> terminal) {
    this.session = session;
    this.state = state;
    this.channel = channel;
    this.reviews = reviews;
    this.terminal = terminal;
  }

  @Override
  public Decision check(String text, String undecidable, boolean echoed, BooleanSupplier cancelled)
      throws IOException {
    if (undecidable == null && text.isBlank()) {
      return Decision.allow();
    }
    PolicyCommandGuard guard = state.guard();
    Decision decision =
        undecidable != null ? guard.undecidableLine(undecidable) : guard.check(text);
    if (!decision.allowed() && "review".equals(decision.outcome()) && !echoed) {
      // Never show reviewers what may be a password.
      decision =
          new Decision(
              false,
              decision.message()
                  + "; a line typed without echo is not sent for review (it may be a secret)",
              decision.ruleId(),
              "block");
    } else if (!decision.allowed() && "review".equals(decision.outcome())) {
      decision =
          new CommandHold(reviews, state)
              .await(
                  text,
                  decision,
                  message -> tell(message, "33"),
                  () -> cancelled.getAsBoolean() || !session.isOpen());
    }
    state.counted(decision.allowed());
    state.record(
        "command",
        "{\"channel\":"
            + channel
            + ",\"line\":true,\"command\":"
            + (echoed ? JsonText.quote(text) : "\"\",\"redacted\":\"typed without echo\"")
            + (undecidable == null ? "" : ",\"undecidable\":" + JsonText.quote(undecidable))
            + (decision.allowed() ? "" : ",\"message\":" + JsonText.quote(decision.message()))
            + ",\"t\":"
            + state.offset()
            + "}",
        decision.outcome(),
        decision.ruleId());
    if (!decision.allowed()) {
      tell("gatehouse: denied: " + decision.message(), "1;31");
    }
    return decision;
  }

  /** A line of the gateway's own on the user's terminal (recorded as output, like the rest). */
  private void tell(String message, String color) {
    OutputStream out = terminal.get();
    if (out == null) {
      return;
    }
    try {
      out.write(
          ("\r\n\u001b[" + color + "m" + message + "\u001b[0m\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot tell the user", e);
    }
  }
}
