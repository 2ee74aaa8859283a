package io.gatehouse.pg.proxy;

import io.gatehouse.pg.wire.ErrorFields;
import io.gatehouse.pg.wire.FrontendMessage;
import io.gatehouse.pg.wire.TransactionStatus;
import io.gatehouse.recording.JsonText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What both pumps of one session share: the rules, the refusals in flight, the backend's
 * transaction status, counters, and the recording of statements and their results.
 */
final class PgSessionState {

  private final SessionRules rules;
  private final BlockedStatements refusals = new BlockedStatements();
  private final AtomicLong syncPointsSent = new AtomicLong();
  private final AtomicLong readyReceived = new AtomicLong();
  private final AtomicLong statements = new AtomicLong();
  private final AtomicLong blocked = new AtomicLong();
  private final AtomicLong masked = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private volatile TransactionStatus transactionStatus = TransactionStatus.IDLE;
  private volatile long lastStatementNanos = System.nanoTime();

  PgSessionState(SessionRules rules) {
    this.rules = rules;
  }

  /**
   * The verdict on {@code sql}, recorded in the spool's next write: the caller forwards through a
   * {@link SyncedOutput}, which makes it durable before any byte reaches the target.
   */
  Verdict decideAndRecord(String sql, String protocol, String statementName) throws IOException {
    Verdict verdict = rules.guard().check(sql);
    statements.incrementAndGet();
    if (!verdict.allowed()) {
      blocked.incrementAndGet();
    }
    lastStatementNanos = System.nanoTime();
    StringBuilder json =
        new StringBuilder(64 + sql.length())
            .append("{\"sql\":")
            .append(JsonText.quote(rules.masking().maskText(sql)))
            .append(",\"protocol\":\"")
            .append(protocol)
            .append('"');
    if (statementName != null && !statementName.isEmpty()) {
      json.append(",\"statement\":").append(JsonText.quote(statementName));
    }
    if (verdict.kinds() != null) {
      json.append(",\"kinds\":").append(JsonText.quote(verdict.kinds()));
    }
    recordLater("statement", json.append('}').toString(), verdict);
    return verdict;
  }

  /** Records a Bind's parameters (text ones masked; binary ones by size only). */
  void recordBind(FrontendMessage.Bind bind) throws IOException {
    if (bind.values().isEmpty()) {
      return;
    }
    StringBuilder json = new StringBuilder("{\"portal\":").append(JsonText.quote(bind.portal()));
    json.append(",\"params\":[");
    for (int i = 0; i < bind.values().size(); i++) {
      ByteBuffer value = bind.values().get(i);
      json.append(i == 0 ? "" : ",");
      if (value == null) {
        json.append("null");
      } else if (isBinary(bind, i)) {
        json.append(JsonText.quote("<binary " + value.remaining() + " bytes>"));
      } else {
        json.append(JsonText.quote(rules.masking().maskText(FrontendPump.text(value))));
      }
    }
    recordLater("bind", json.append("]}").toString(), null);
  }

  private static boolean isBinary(FrontendMessage.Bind bind, int parameter) {
    var formats = bind.parameterFormats();
    if (formats.isEmpty()) {
      return false;
    }
    int format = formats.size() == 1 ? formats.get(0) : formats.get(parameter);
    return format == 1;
  }

  void recordResult(String commandTag) throws IOException {
    long micros = (System.nanoTime() - lastStatementNanos) / 1_000;
    recordLater(
        "result", "{\"tag\":" + JsonText.quote(commandTag) + ",\"micros\":" + micros + "}", null);
  }

  void recordError(ErrorFields fields) throws IOException {
    recordLater(
        "error",
        "{\"sqlstate\":"
            + JsonText.quote(fields.sqlState())
            + ",\"message\":"
            + JsonText.quote(fields.message())
            + "}",
        null);
  }

  /** Records one event, durable when this returns. */
  void record(String type, String payloadJson, Verdict verdict) throws IOException {
    rules.recorder().record(type, payloadJson, verdict);
  }

  // Results and errors go out with the next write: nothing is forwarded on them, and the next
  // statement's sync (or the shipper, within its idle wait) writes them. One write per round trip.
  private void recordLater(String type, String payloadJson, Verdict verdict) throws IOException {
    rules.recorder().recordLater(type, payloadJson, verdict);
  }

  /** Makes every event recorded so far durable; runs before bytes leave for the target. */
  void syncRecording() throws IOException {
    rules.recorder().sync();
  }

  ResultMasking masking() {
    return rules.masking();
  }

  BlockedStatements refusals() {
    return refusals;
  }

  void syncPointSent() {
    syncPointsSent.incrementAndGet();
  }

  /** The batch (Sync or Query) that messages forwarded now belong to. */
  long batch() {
    return syncPointsSent.get();
  }

  void readyForQuery(TransactionStatus status) {
    transactionStatus = status;
    refusals.batchesCompleted(readyReceived.incrementAndGet());
  }

  /** Whether every Query and Sync sent has been answered: the backend is idle. */
  boolean backendIdle() {
    return readyReceived.get() >= syncPointsSent.get()
        && transactionStatus == TransactionStatus.IDLE;
  }

  /** Whether every Query and Sync sent so far has had its ReadyForQuery. */
  boolean allAnswered() {
    return readyReceived.get() >= syncPointsSent.get();
  }

  TransactionStatus transactionStatus() {
    return transactionStatus;
  }

  void rowRelayed() {
    rows.incrementAndGet();
  }

  void valueMasked() {
    masked.incrementAndGet();
  }

  long statements() {
    return statements.get();
  }

  long blocked() {
    return blocked.get();
  }

  long masked() {
    return masked.get();
  }

  long rows() {
    return rows.get();
  }
}
