package io.gatehouse.pg.proxy;

import io.gatehouse.pg.wire.ErrorFields;
import io.gatehouse.pg.wire.FrontendMessage;
import io.gatehouse.pg.wire.TransactionStatus;
import io.gatehouse.recording.JsonText;
import io.gatehouse.sql.CopyOutputs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What both pumps of one session share: the rules, the refusals in flight, the backend's
 * transaction status, counters, and the recording of statements and their results.
 */
final class PgSessionState {

  private final BinaryParameters binaryParameters = new BinaryParameters();
  private final SessionRules rules;
  private final BlockedStatements refusals = new BlockedStatements();
  private final AtomicLong syncPointsSent = new AtomicLong();
  private final AtomicLong readyReceived = new AtomicLong();
  private final AtomicLong statements = new AtomicLong();
  private final AtomicLong blocked = new AtomicLong();
  private final AtomicLong masked = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  // Describes forwarded (with masking on), oldest first: batch * 2, plus 1 if the gateway's own.
  private final ConcurrentLinkedQueue<Long> describes = new ConcurrentLinkedQueue<>();
  private volatile ResultColumns resultColumns = ResultColumns.BY_NAME;
  private volatile TransactionStatus transactionStatus = TransactionStatus.IDLE;
  private volatile long lastStatementNanos = System.nanoTime();
  private volatile long lastActivityNanos = System.nanoTime();
  private volatile boolean holding;

  PgSessionState(SessionRules rules) {
    this.rules = rules;
  }

  /**
   * The verdict on {@code sql}, recorded in the spool's next write: the caller forwards through a
   * {@link SyncedOutput}, which makes it durable before any byte reaches the target.
   */
  Verdict decideAndRecord(String sql, String protocol, String statementName) throws IOException {
    Verdict verdict = copyColumns(sql, rules.guard().check(sql));
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

  /**
   * COPY output is masked by content detectors only (its lines carry no column names): a {@code
   * COPY … TO STDOUT} that a column rule may select a column of is refused, fail closed, before it
   * runs. A review would not help, so it is refused rather than held.
   */
  private Verdict copyColumns(String sql, Verdict verdict) {
    if (verdict.outcome() == Verdict.Outcome.BLOCK
        || !rules.masking().active()
        || !mentionsCopy(sql)) {
      return verdict;
    }
    for (CopyOutputs.Output out : CopyOutputs.of(sql)) {
      String rule = rules.masking().copyColumnRule(out.schema(), out.table(), out.columns());
      if (rule != null) {
        return new Verdict(
            Verdict.Outcome.BLOCK,
            rule,
            "COPY output cannot be masked by column rules"
                + (out.isQuery()
                    ? "; SELECT the query instead"
                    : "; SELECT the columns instead, or COPY only columns no column rule masks"),
            verdict.kinds());
      }
    }
    return verdict;
  }

  // Not the guard's kinds: a guard need not classify, and this check must not depend on one.
  private static boolean mentionsCopy(String sql) {
    for (int i = sql.length() - 4; i >= 0; i--) {
      if (sql.regionMatches(true, i, "copy", 0, 4)) {
        return true;
      }
    }
    return false;
  }

  /** A Parse of {@code statement} declared these parameter types, for reading binary binds. */
  void parsed(String statement, List<Integer> parameterTypes) {
    binaryParameters.parsed(statement, parameterTypes);
  }

  /**
   * Records a Bind's parameters, masked by the detectors: text ones as sent, binary ones read by
   * their statement's declared type ({@link BinaryParameters}), else by size only.
   */
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
        String text = BinaryParameters.text(binaryParameters.typeOf(bind.statement(), i), value);
        json.append(
            JsonText.quote(
                text == null
                    ? "<binary " + value.remaining() + " bytes>"
                    : rules.masking().maskText(text)));
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

  /** How result columns are resolved to their tables for masking. */
  ResultColumns resultColumns() {
    return resultColumns;
  }

  void resultColumns(ResultColumns columns) {
    this.resultColumns = columns;
  }

  BlockedStatements refusals() {
    return refusals;
  }

  void syncPointSent() {
    syncPointsSent.incrementAndGet();
    lastActivityNanos = System.nanoTime();
  }

  /** Whether a statement is waiting at the gateway (for its reviewers). */
  void holding(boolean holding) {
    this.holding = holding;
    lastActivityNanos = System.nanoTime();
  }

  /**
   * How long the session has been idle: every Query and Sync answered, nothing held, and no message
   * since; -1 while the backend or the gateway is working for the client.
   */
  long idleMillis() {
    if (holding || !allAnswered()) {
      return -1;
    }
    return (System.nanoTime() - lastActivityNanos) / 1_000_000;
  }

  /** The batch (Sync or Query) that messages forwarded now belong to. */
  long batch() {
    return syncPointsSent.get();
  }

  void readyForQuery(TransactionStatus status) {
    transactionStatus = status;
    lastActivityNanos = System.nanoTime();
    long completed = readyReceived.incrementAndGet();
    refusals.batchesCompleted(completed);
    // Describes after an error in their batch are never answered.
    for (Long head = describes.peek();
        head != null && head / 2 < completed;
        head = describes.peek()) {
      describes.poll();
    }
  }

  /** A Describe was forwarded; {@code injected} when the gateway sent it, not the client. */
  void describeSent(boolean injected) {
    describes.add(batch() * 2 + (injected ? 1 : 0));
  }

  /**
   * For a RowDescription or NoData from the backend: true when it answers a Describe the gateway
   * sent on its own (so it is not passed on to the client).
   */
  boolean answersOwnDescribe() {
    Long head = describes.peek();
    if (head == null || head / 2 != readyReceived.get()) {
      return false;
    }
    describes.poll();
    return (head & 1) == 1;
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

  /** {@code n} more rows relayed (the backend pump counts them and adds them per result). */
  void rowsRelayed(long n) {
    rows.addAndGet(n);
  }

  /** {@code n} more rows, COPY lines or message texts relayed masked. */
  void valuesMasked(long n) {
    masked.addAndGet(n);
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
