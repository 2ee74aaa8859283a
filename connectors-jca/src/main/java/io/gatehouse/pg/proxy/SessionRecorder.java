package io.gatehouse.pg.proxy;

import java.io.IOException;

/**
 * Appends a session's events to the durable spool. An event about a statement is durable before the
 * statement is forwarded; if that fails the statement is not forwarded.
 */
public interface SessionRecorder {

  /**
   * Records one event, durable when this returns.
   *
   * @param type {@code session-start}, {@code statement}, {@code bind}, {@code result}, {@code
   *     error}, {@code session-end}
   * @param payloadJson the event as a JSON object, values already masked
   * @param verdict the decision for statements, else null
   */
  void record(String type, String payloadJson, Verdict verdict) throws IOException;

  /**
   * Records one event in the spool's next write, to be made durable by {@link #sync} (or any later
   * write): the caller syncs before it forwards anything the event describes.
   */
  default void recordLater(String type, String payloadJson, Verdict verdict) throws IOException {
    record(type, payloadJson, verdict);
  }

  /** Makes the events recorded with {@link #recordLater} durable. */
  default void sync() throws IOException {}
}
