package io.gatehouse.ssh.gateway;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows the file operations of an sftp session (protocol version 3, as OpenSSH speaks it) from
 * both directions of the channel, and reports each one once the server has answered it: a file
 * closed (path, bytes read and written), removed, renamed, linked, created or removed as a
 * directory, its attributes set, or any of these refused (with the server's message). Reads of
 * directories and attributes are not reported. Thread-safe: each direction feeds its own packets.
 */
final class SftpOperations {

  // Client requests (draft-ietf-secsh-filexfer-02, the version OpenSSH implements).
  static final int OPEN = 3;
  static final int CLOSE = 4;
  static final int READ = 5;
  static final int WRITE = 6;
  static final int SETSTAT = 9;
  static final int FSETSTAT = 10;
  static final int REMOVE = 13;
  static final int MKDIR = 14;
  static final int RMDIR = 15;
  static final int RENAME = 18;
  static final int SYMLINK = 20;
  static final int EXTENDED = 200;
  // Server replies.
  static final int STATUS = 101;
  static final int HANDLE = 102;
  static final int DATA = 103;

  static final int SSH_FXF_READ = 0x01;
  static final int SSH_FXF_WRITE = 0x02;
  static final int SSH_FXF_APPEND = 0x04;
  static final int SSH_FXF_CREAT = 0x08;
  static final int SSH_FXF_TRUNC = 0x10;

  /** Outstanding requests an sftp client keeps at most (OpenSSH uses 64); more are not followed. */
  static final int MAX_PENDING = 4096;

  /** One reported operation. */
  record Operation(
      String op, String path, String to, String mode, long read, long written, String status) {}

  /** Where operations go (the recording). */
  @FunctionalInterface
  interface Sink {
    void operation(Operation operation) throws IOException;
  }

  private record Request(int type, String path, String to, int flags, String handle) {}

  private static final class OpenFile {
    final String path;
    final int flags;
    long read;
    long written;

    OpenFile(String path, int flags) {
      this.path = path;
      this.flags = flags;
    }
  }

  private final Sink sink;
  private final Map<Integer, Request> pending = new HashMap<>();
  private final Map<String, OpenFile> files = new HashMap<>();

  SftpOperations(Sink sink) {
    this.sink = sink;
  }

  /** A packet from the client. */
  synchronized void request(ByteBuffer head, int length) throws IOException {
    try {
      int type = head.get() & 0xff;
      if (!isFollowed(type)) {
        return;
      }
      int id = head.getInt();
      Request request =
          switch (type) {
            case OPEN -> {
              String path = string(head);
              yield new Request(type, path, null, head.getInt(), null);
            }
            case CLOSE -> new Request(type, null, null, 0, handle(head));
            case READ -> new Request(type, null, null, 0, handle(head));
            case WRITE -> {
              OpenFile file = files.get(handle(head));
              head.getLong();
              if (file != null) {
                file.written += head.getInt() & 0xffffffffL;
              }
              yield null;
            }
            case RENAME, SYMLINK -> new Request(type, string(head), string(head), 0, null);
            case FSETSTAT -> {
              OpenFile file = files.get(handle(head));
              yield new Request(type, file == null ? null : file.path, null, 0, null);
            }
            case EXTENDED -> extended(head);
            default -> new Request(type, string(head), null, 0, null);
          };
      if (request != null && pending.size() < MAX_PENDING) {
        pending.put(id, request);
      }
    } catch (BufferUnderflowException e) {
      // A field beyond the kept head (a path longer than PATH_MAX): not followed.
    }
  }

  /** A packet from the server. */
  synchronized void reply(ByteBuffer head, int length) throws IOException {
    try {
      int type = head.get() & 0xff;
      if (type != STATUS && type != HANDLE && type != DATA) {
        return;
      }
      Request request = pending.remove(head.getInt());
      if (request == null) {
        return;
      }
      switch (type) {
        case HANDLE -> {
          if (request.type() == OPEN) {
            files.put(handle(head), new OpenFile(request.path(), request.flags()));
          }
        }
        case DATA -> {
          OpenFile file = files.get(request.handle());
          if (file != null) {
            file.read += head.getInt() & 0xffffffffL;
          }
        }
        default -> status(request, head.getInt(), head);
      }
    } catch (BufferUnderflowException e) {
      // A reply cut short: nothing to follow.
    }
  }

  /** At the channel's end: files still open are reported as such. */
  synchronized void finish() throws IOException {
    for (OpenFile file : files.values()) {
      sink.operation(
          new Operation(
              "close", file.path, null, mode(file.flags), file.read, file.written, "left open"));
    }
    files.clear();
    pending.clear();
  }

  private void status(Request request, int code, ByteBuffer head) throws IOException {
    String outcome = code == 0 ? "ok" : message(code, head);
    switch (request.type()) {
      case READ -> {
        // EOF or a read error: the close reports the file.
      }
      case CLOSE -> {
        OpenFile file = files.remove(request.handle());
        if (file != null) {
          sink.operation(
              new Operation(
                  "close", file.path, null, mode(file.flags), file.read, file.written, outcome));
        }
      }
      case OPEN ->
          sink.operation(
              new Operation("open", request.path(), null, mode(request.flags()), 0, 0, outcome));
      default ->
          sink.operation(
              new Operation(
                  name(request.type()), request.path(), request.to(), null, 0, 0, outcome));
    }
  }

  private static Request extended(ByteBuffer head) {
    String name = string(head);
    return switch (name) {
      case "posix-rename@openssh.com" -> new Request(RENAME, string(head), string(head), 0, null);
      case "hardlink@openssh.com" -> new Request(-1, string(head), string(head), 0, null);
      default -> null;
    };
  }

  private static boolean isFollowed(int type) {
    return switch (type) {
      case OPEN,
          CLOSE,
          READ,
          WRITE,
          SETSTAT,
          FSETSTAT,
          REMOVE,
          MKDIR,
          RMDIR,
          RENAME,
          SYMLINK,
          EXTENDED ->
          true;
      default -> false;
    };
  }

  private static String name(int type) {
    return switch (type) {
      case SETSTAT, FSETSTAT -> "setstat";
      case REMOVE -> "remove";
      case MKDIR -> "mkdir";
      case RMDIR -> "rmdir";
      case RENAME -> "rename";
      case SYMLINK -> "symlink";
      default -> "hardlink";
    };
  }

  /** {@code read}, {@code write} (creating, truncating or appending) or {@code read-write}. */
  static String mode(int flags) {
    boolean read = (flags & SSH_FXF_READ) != 0;
    boolean write = (flags & (SSH_FXF_WRITE | SSH_FXF_APPEND)) != 0;
    return read && write ? "read-write" : write ? "write" : "read";
  }

  private static String message(int code, ByteBuffer head) {
    try {
      String text = string(head);
      return text.isBlank() ? "error " + code : text;
    } catch (BufferUnderflowException e) {
      return "error " + code;
    }
  }

  /** A handle: opaque bytes, kept one char per byte so distinct handles stay distinct. */
  private static String handle(ByteBuffer head) {
    return new String(bytes(head), StandardCharsets.ISO_8859_1);
  }

  private static String string(ByteBuffer head) {
    return new String(bytes(head), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer head) {
    int length = head.getInt();
    if (length < 0 || length > head.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] bytes = new byte[length];
    head.get(bytes);
    return bytes;
  }
}
