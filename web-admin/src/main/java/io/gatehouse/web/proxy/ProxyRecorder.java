package io.gatehouse.web.proxy;

/**
 * SPI, implemented by the control plane: records each decided request in its session before it is
 * forwarded, and the outcome after the response. Implementations are CDI beans; without one the
 * servlet answers 503, since nothing may reach a target unrecorded.
 */
public interface ProxyRecorder {

  /** Records nothing: for tests and embedding. */
  ProxyRecorder NONE =
      new ProxyRecorder() {
        @Override
        public void requested(ProxyTarget target, ProxyRequest request, ProxyDecision decision) {}

        @Override
        public void completed(
            ProxyTarget target, ProxyRequest request, ProxyDecision decision, ProxyOutcome o) {}
      };

  /**
   * Called after the decision and before anything reaches the target; returns only once the event
   * is stored durably.
   *
   * @throws ProxyDeniedException (503) when the event cannot be stored: the request is not
   *     forwarded
   */
  void requested(ProxyTarget target, ProxyRequest request, ProxyDecision decision)
      throws ProxyDeniedException;

  /**
   * Called when a held request's review ended (approved: it is forwarded next; else refused).
   * Stored before the request goes on, like {@link #requested}.
   */
  default void reviewed(
      ProxyTarget target, ProxyRequest request, io.gatehouse.connector.api.ReviewTicket ticket)
      throws ProxyDeniedException {}

  /**
   * Opens the recording of a relayed terminal stream (exec, attach) in the request's session, which
   * stays open until the recording is closed.
   */
  default StreamRecording stream(ProxyTarget target, ProxyRequest request) {
    return StreamRecording.NONE;
  }

  /**
   * {@code stop} is called (with the reason, once) if the request's session is ended from outside
   * while its response is still being relayed (a watch, a long download): the control plane
   * terminated it, or the grant it runs under was revoked or has expired. Closing the handle
   * forgets {@code stop}. By default nothing ever ends a session from outside.
   */
  default AutoCloseable watchTermination(
      ProxyTarget target, java.util.function.Consumer<String> stop) {
    return () -> {};
  }

  /**
   * Called once for every resolved target, after the response (or the failure): ends what {@link
   * ProxyAccess#resolve} opened. {@code request} and {@code decision} are null when the request was
   * refused before it was classified or decided. Must not throw.
   */
  void completed(
      ProxyTarget target, ProxyRequest request, ProxyDecision decision, ProxyOutcome outcome);
}
