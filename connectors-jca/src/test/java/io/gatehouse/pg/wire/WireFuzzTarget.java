package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;

/**
 * Feeds arbitrary bytes through every decoder and parser. Invariant: each input parses or throws
 * {@link WireFormatException}; anything else propagates and fails the caller.
 */
final class WireFuzzTarget {
  private static final int LIMIT = 1 << 16;

  private WireFuzzTarget() {}

  static void run(byte[] input) {
    frontend(ByteBuffer.wrap(input));
    backend(ByteBuffer.wrap(input));
    startup(ByteBuffer.wrap(input));
  }

  private static void frontend(ByteBuffer b) {
    try {
      FrameDecoder d = FrameDecoder.frontend(LIMIT);
      for (Frame f = d.next(b); f != null; f = d.next(b)) {
        FrontendMessage m = FrontendMessages.parse(f);
        if (m instanceof FrontendMessage.AuthenticationResponse r) {
          tryAll(r);
        }
      }
    } catch (WireFormatException expected) {
      // the invariant allows it
    }
  }

  private static void tryAll(FrontendMessage.AuthenticationResponse r) {
    try {
      r.asPassword();
    } catch (WireFormatException expected) {
      // fine
    }
    try {
      r.asSaslInitialResponse();
    } catch (WireFormatException expected) {
      // fine
    }
    r.asSaslResponse();
  }

  private static void backend(ByteBuffer b) {
    try {
      FrameDecoder d = FrameDecoder.backend(LIMIT);
      DataRowRewriter rw = DataRowRewriter.ofBytes(new int[] {0, 2}, v -> new byte[] {1});
      for (Frame f = d.next(b); f != null; f = d.next(b)) {
        BackendMessage m = BackendMessages.parse(f);
        if (m instanceof DataRow row) {
          for (int i = 0; i < row.columnCount(); i++) {
            row.value(i);
          }
          rw.rewrite(f.raw());
        }
      }
    } catch (WireFormatException expected) {
      // the invariant allows it
    }
  }

  private static void startup(ByteBuffer b) {
    try {
      Frame f = new StartupDecoder().next(b);
      if (f != null) {
        StartupPackets.parse(f);
      }
    } catch (WireFormatException expected) {
      // the invariant allows it
    }
  }
}
