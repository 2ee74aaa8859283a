package io.gatehouse.ssh.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Follows a legacy scp transfer ({@code scp -O}: the rcp protocol, an exec of {@code scp -t} on the
 * target to upload, {@code scp -f} to download) from both directions of the channel, and reports
 * each file once the receiving side has acknowledged it (or refused it, with its message).
 *
 * <p>The sender's direction carries header lines ({@code C<mode> <size> <name>} before a file's
 * bytes, {@code D…}/{@code E} around a directory, {@code T…} times, or an error line starting with
 * byte 1 or 2), each file's bytes, and a zero byte after them. The receiver answers every header
 * and every file's end with one status: a zero byte, or byte 1 or 2 and a message line; its very
 * first zero byte, before any header, only says it is ready. Names are reported as sent, relative
 * to the path on the command line (which may be a directory or the file itself: only the target
 * knows). A stream that stops looking like the protocol is still relayed, but no longer followed.
 * Thread-safe: the two directions are fed from two threads.
 */
final class ScpOperations {

  /** A header or message line longer than this is not scp: the stream is no longer followed. */
  static final int MAX_LINE = 8192;

  /**
   * One reported file or refusal.
   *
   * @param op {@code close} for a file whose bytes moved, {@code open} for one refused
   * @param path the path on the command line
   * @param name the file's name as sent, under the directories sent before it; null when the
   *     refusal names none
   * @param upload the client sent the file (scp -t)
   * @param bytes the file's size as sent
   * @param status {@code ok}, or the receiver's (or sender's) message
   */
  record File(String op, String path, String name, boolean upload, long bytes, String status) {}

  /** Where files go (the recording). */
  @FunctionalInterface
  interface Sink {
    void file(File file) throws IOException;
  }

  private record Expected(String name, long size, boolean fileEnd) {}

  private final boolean upload;
  private final String path;
  private final Sink sink;
  private final Deque<String> directories = new ArrayDeque<>();
  private final Deque<Expected> awaitingAck = new ArrayDeque<>();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final ByteArrayOutputStream ackLine = new ByteArrayOutputStream();
  private String fileName;
  private long fileSize;
  private long remaining = -1; // bytes of the current file still to come; -1: none
  private boolean fileEnd; // the current file's bytes are done: its zero byte comes next
  private boolean readySeen;
  private int ackMessage; // 1 or 2 while an error line of the receiver is being read
  private boolean broken;

  private ScpOperations(boolean upload, String path, Sink sink) {
    this.upload = upload;
    this.path = path;
    this.sink = sink;
  }

  /**
   * The follower for an exec of {@code scp -t …} or {@code scp -f …} (checked by {@link
   * io.gatehouse.ssh.relay.GuardRequest#isFileTransfer}), or null for any other line.
   */
  static ScpOperations forCommand(String commandLine, Sink sink) {
    List<String> words = List.of(commandLine.strip().split("\\s+"));
    if (words.isEmpty() || !words.get(0).endsWith("scp")) {
      return null;
    }
    Boolean upload = null;
    List<String> operands = new ArrayList<>();
    boolean options = true;
    for (String word : words.subList(1, words.size())) {
      if (options && word.equals("--")) {
        options = false;
      } else if (options && word.startsWith("-") && word.length() > 1) {
        if (word.indexOf('t') > 0) {
          upload = Boolean.TRUE;
        } else if (word.indexOf('f') > 0) {
          upload = Boolean.FALSE;
        }
      } else {
        operands.add(word);
      }
    }
    if (upload == null) {
      return null;
    }
    String path = operands.isEmpty() ? "." : String.join(" ", operands);
    return new ScpOperations(upload, unquote(path), sink);
  }

  private static String unquote(String word) {
    if (word.length() >= 2
        && (word.startsWith("'") && word.endsWith("'")
            || word.startsWith("\"") && word.endsWith("\""))) {
      return word.substring(1, word.length() - 1);
    }
    return word;
  }

  /** Bytes the client sent. */
  synchronized void fromClient(byte[] bytes, int off, int len) throws IOException {
    if (upload) {
      sent(bytes, off, len);
    } else {
      acknowledged(bytes, off, len);
    }
  }

  /** Bytes the target sent. */
  synchronized void toClient(byte[] bytes, int off, int len) throws IOException {
    if (upload) {
      acknowledged(bytes, off, len);
    } else {
      sent(bytes, off, len);
    }
  }

  /** The channel ended: a file still moving is reported as cut off. */
  synchronized void finish() throws IOException {
    if (!broken && (remaining > 0 || fileEnd)) {
      report("close", fileName, fileSize, "cut off after " + (fileSize - remaining) + " bytes");
    }
    broken = true;
  }

  // The sender's direction: headers, file bytes, end-of-file bytes.
  private void sent(byte[] bytes, int off, int len) throws IOException {
    int at = off;
    int end = off + len;
    while (at < end && !broken) {
      if (remaining > 0) {
        int n = (int) Math.min(remaining, end - at);
        remaining -= n;
        at += n;
        fileEnd = remaining == 0;
      } else if (fileEnd) {
        byte status = bytes[at++];
        fileEnd = false;
        remaining = -1;
        if (status == 0) {
          awaitingAck.add(new Expected(fileName, fileSize, true));
        } else {
          report("close", fileName, fileSize, "the sender failed the file");
        }
      } else {
        byte b = bytes[at++];
        if (b == '\n') {
          header(line.toString(StandardCharsets.UTF_8));
          line.reset();
        } else if (line.size() >= MAX_LINE) {
          broken = true;
        } else {
          line.write(b);
        }
      }
    }
  }

  private void header(String text) throws IOException {
    if (text.isEmpty()) {
      broken = true;
      return;
    }
    char kind = text.charAt(0);
    switch (kind) {
      case 'C' -> {
        String[] parts = text.substring(1).split(" ", 3);
        if (parts.length != 3) {
          broken = true;
          return;
        }
        try {
          fileSize = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
          broken = true;
          return;
        }
        if (fileSize < 0) {
          broken = true;
          return;
        }
        fileName = under(parts[2]);
        awaitingAck.add(new Expected(fileName, fileSize, false));
        // The bytes follow only once the receiver has accepted the header; they are counted then.
      }
      case 'D' -> {
        String[] parts = text.substring(1).split(" ", 3);
        if (parts.length != 3) {
          broken = true;
          return;
        }
        directories.addLast(parts[2]);
        awaitingAck.add(new Expected(null, 0, false));
      }
      case 'E' -> {
        directories.pollLast();
        awaitingAck.add(new Expected(null, 0, false));
      }
      case 'T' -> awaitingAck.add(new Expected(null, 0, false));
      case '\u0001', '\u0002' -> report("open", null, 0, text.substring(1).strip());
      default -> broken = true;
    }
  }

  private String under(String name) {
    if (directories.isEmpty()) {
      return name;
    }
    return String.join("/", directories) + "/" + name;
  }

  // The receiver's direction: one status per header and per file end.
  private void acknowledged(byte[] bytes, int off, int len) throws IOException {
    for (int i = off; i < off + len && !broken; i++) {
      byte b = bytes[i];
      if (ackMessage != 0) {
        if (b == '\n') {
          ack(ackLine.toString(StandardCharsets.UTF_8).strip());
          ackLine.reset();
          ackMessage = 0;
        } else if (ackLine.size() >= MAX_LINE) {
          broken = true;
        } else {
          ackLine.write(b);
        }
      } else if (b == 0) {
        ack(null);
      } else if (b == 1 || b == 2) {
        ackMessage = b;
      } else {
        broken = true;
      }
    }
  }

  // One status from the receiver; null: accepted.
  private void ack(String error) throws IOException {
    if (!readySeen) {
      readySeen = true; // the receiver's first status only says it is ready
      if (error != null) {
        report("open", null, 0, error);
      }
      return;
    }
    Expected expected = awaitingAck.poll();
    if (expected == null) {
      if (error != null) {
        report("open", null, 0, error);
      }
      return;
    }
    if (expected.fileEnd()) {
      report("close", expected.name(), expected.size(), error == null ? "ok" : error);
    } else if (expected.name() != null) {
      if (error != null) {
        report("open", expected.name(), 0, error);
      } else if (expected.size() == 0) {
        fileEnd = true; // an empty file: only its zero byte follows
      } else {
        remaining = expected.size();
      }
    } else if (error != null) {
      report("open", null, 0, error);
    }
  }

  private void report(String op, String name, long bytes, String status) throws IOException {
    sink.file(new File(op, path, name, upload, bytes, status));
  }
}
