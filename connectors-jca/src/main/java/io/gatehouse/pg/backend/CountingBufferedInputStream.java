package io.gatehouse.pg.backend;

import java.io.BufferedInputStream;
import java.io.InputStream;

/**
 * A buffered stream that tells how much is already buffered, so a relay can flush its output
 * exactly when its next read would block, without asking the socket (a system call) per frame.
 */
final class CountingBufferedInputStream extends BufferedInputStream {

  CountingBufferedInputStream(InputStream in, int size) {
    super(in, size);
  }

  /** Bytes readable without touching the underlying stream. */
  synchronized int buffered() {
    return count - pos;
  }
}
