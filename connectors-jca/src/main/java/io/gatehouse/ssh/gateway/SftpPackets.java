package io.gatehouse.ssh.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Splits one direction of an sftp channel into packets ({@code uint32 length, byte type, …}) as the
 * bytes pass, without holding them: the first {@link #HEAD_LIMIT} bytes of each packet (type, id,
 * handles, paths, lengths) are kept for {@link Sink#packet}, the rest (file data) is only counted.
 * Not thread-safe: one instance per direction.
 */
final class SftpPackets {

  /** Bytes of each packet kept for parsing: enough for two paths of PATH_MAX and the lengths. */
  static final int HEAD_LIMIT = 16 * 1024;

  /** Longer than any packet OpenSSH sends (256 KiB); anything beyond is not sftp. */
  static final int MAX_PACKET = 1 << 24;

  /** Told each complete packet. */
  @FunctionalInterface
  interface Sink {
    /**
     * @param head the packet's first bytes after the length (type first), at most {@link
     *     #HEAD_LIMIT}; valid during the call only
     * @param length the packet's whole length (after the length field)
     */
    void packet(ByteBuffer head, int length) throws IOException;
  }

  private final Sink sink;
  private final byte[] lengthBytes = new byte[4];
  private int lengthHave;
  private int length = -1;
  private final byte[] head = new byte[HEAD_LIMIT];
  private int headLimit;
  private int headHave;
  private long remaining;
  private boolean broken;

  SftpPackets(Sink sink) {
    this.sink = sink;
  }

  /** Whether the stream stopped looking like sftp (a packet length out of range). */
  boolean broken() {
    return broken;
  }

  void feed(byte[] bytes, int off, int len) throws IOException {
    int at = off;
    int end = off + len;
    while (at < end && !broken) {
      if (length < 0) {
        lengthBytes[lengthHave++] = bytes[at++];
        if (lengthHave == 4) {
          lengthHave = 0;
          start(ByteBuffer.wrap(lengthBytes).getInt());
        }
        continue;
      }
      int take = (int) Math.min(end - at, remaining);
      int keep = Math.min(take, headLimit - headHave);
      System.arraycopy(bytes, at, head, headHave, keep);
      headHave += keep;
      at += take;
      remaining -= take;
      if (remaining == 0) {
        int whole = length;
        length = -1;
        sink.packet(ByteBuffer.wrap(head, 0, headHave).asReadOnlyBuffer(), whole);
      }
    }
  }

  private void start(int packetLength) {
    if (packetLength < 1 || packetLength > MAX_PACKET) {
      broken = true;
      return;
    }
    length = packetLength;
    remaining = packetLength;
    headLimit = Math.min(packetLength, HEAD_LIMIT);
    headHave = 0;
  }
}
