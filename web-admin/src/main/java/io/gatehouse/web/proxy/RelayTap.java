package io.gatehouse.web.proxy;

import java.io.OutputStream;

/**
 * Sits in both directions of a relayed protocol switch: what the target sends is written to {@link
 * #toCaller}'s stream, what the caller sends to {@link #toTarget}'s; the tap may inspect, record
 * and rewrite on the way.
 */
interface RelayTap {

  /** Bytes pass unchanged. */
  RelayTap NONE =
      new RelayTap() {
        @Override
        public OutputStream toCaller(OutputStream caller) {
          return caller;
        }

        @Override
        public OutputStream toTarget(OutputStream target) {
          return target;
        }

        @Override
        public void close() {}
      };

  OutputStream toCaller(OutputStream caller);

  OutputStream toTarget(OutputStream target);

  /** The relay started; {@code closeRelay} ends it (both sides), for a tap that must cut it. */
  default void attach(Runnable closeRelay) {}

  /** The relay ended. */
  void close();
}
