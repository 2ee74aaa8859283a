package io.gatehouse.pg.proxy;

import java.io.IOException;

/**
 * Appends a session's events to the durable spool. An event about a statement is recorded before
 * the statement is forwarded; if that fails the statement is not forwarded.
 */
public interface SessionRecorder {

  /**
   * Records one event.
   *
   * @param type {@code session-start}, {@code statement}, {@code bind}, {@code result}, {@code
   *     error}, {@code session-end}
   * @param payloadJson the event as a JSON object, values already masked
   * @param verdict the decision for statements, else null
   */
  void record(String type, String payloadJson, Verdict verdict) throws IOException;
}
