package io.gatehouse.pg.proxy;

import io.gatehouse.pg.wire.ErrorFields;
import io.gatehouse.pg.wire.SqlState;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * How a statement the policy refuses is taken out of the stream. Instead of answering the client
 * out of band (which would put the error in the wrong place of a pipeline and leave the backend's
 * transaction state unlike PostgreSQL's), the gateway forwards a marker statement that the backend
 * is certain to reject: a query of a relation whose name holds a random nonce. The backend then
 * fails exactly where the statement stood, aborts the implicit or explicit transaction as
 * PostgreSQL would, and skips to the next Sync; the backend pump swaps that one error for the
 * policy's. A client cannot forge a marker: the nonce is 128 random bits.
 */
final class BlockedStatements {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String UNDEFINED_TABLE = "42P01";

  private record Pending(String marker, Verdict verdict, long batch) {}

  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

  /** Registers a refusal; returns the SQL to forward in its place. */
  String substitute(Verdict verdict, long batch) {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String marker = "gatehouse.refused." + HexFormat.of().formatHex(nonce);
    pending.add(new Pending(marker, verdict, batch));
    return "SELECT * FROM \"" + marker + "\"";
  }

  /** The policy's error in place of {@code backendError}, or null if it is a genuine error. */
  ErrorFields replace(ErrorFields backendError) {
    if (pending.isEmpty() || !UNDEFINED_TABLE.equals(backendError.sqlState())) {
      return null;
    }
    String message = backendError.message();
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending candidate = it.next();
      if (message != null && message.contains(candidate.marker())) {
        it.remove();
        return refusal(candidate.verdict());
      }
    }
    return null;
  }

  /** Drops refusals of batches the backend has finished (their marker was never reached). */
  void batchesCompleted(long completed) {
    pending.removeIf(p -> p.batch() < completed);
  }

  static ErrorFields refusal(Verdict verdict) {
    String rule =
        verdict.ruleId() == null ? "the policy's default" : "rule \"" + verdict.ruleId() + "\"";
    String what;
    if (verdict.outcome() == Verdict.Outcome.REVIEW) {
      what = "needs a reviewer's approval (" + rule + ")";
    } else if (verdict.ruleId() == null && verdict.message() != null) {
      // The gateway's own refusal (unanalysable SQL, a fast-path call): its message says why.
      what = "is blocked";
    } else {
      what = "is blocked by " + rule;
    }
    String message =
        "Gatehouse: statement "
            + what
            + (verdict.message() == null || verdict.message().isBlank()
                ? ""
                : ": " + verdict.message());
    ErrorFields fields = ErrorFields.error(SqlState.INSUFFICIENT_PRIVILEGE, message);
    if (verdict.outcome() == Verdict.Outcome.REVIEW) {
      fields =
          fields.with(
              ErrorFields.HINT,
              "A reviewer approves held statements in the Gatehouse API (/api/v1/reviews); send"
                  + " the statement again to ask for a new review.");
    }
    return fields;
  }
}
