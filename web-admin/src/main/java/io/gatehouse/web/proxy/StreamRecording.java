package io.gatehouse.web.proxy;

import java.io.IOException;

/**
 * The recording of one relayed stream ({@code kubectl exec} or {@code attach}): terminal events in
 * the request's session, stored in order. The session stays open until {@link #close}.
 */
public interface StreamRecording extends AutoCloseable {

  /** Records nothing. */
  StreamRecording NONE =
      new StreamRecording() {
        @Override
        public double seconds() {
          return 0;
        }

        @Override
        public void event(String type, String payloadJson) {}

        @Override
        public void close() {}
      };

  /** Seconds since the session began: the {@code t} of terminal events (asciicast timing). */
  double seconds();

  /**
   * Stores one event ({@code command}, {@code input}, {@code output}, {@code resize}, {@code
   * exit}).
   *
   * @throws IOException when it cannot be stored and the policy records strictly: the stream is
   *     then cut
   */
  void event(String type, String payloadJson) throws IOException;

  /**
   * {@code stop} is called (with the reason, once) when the session is ended from outside while the
   * stream runs: the control plane terminated it, or the grant it runs under was revoked or has
   * expired. Records nothing by default.
   */
  default void onTerminate(java.util.function.Consumer<String> stop) {}

  @Override
  void close();
}
