package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScpOperationsTest {

  private final List<String> files = new ArrayList<>();

  private ScpOperations follow(String command) {
    return ScpOperations.forCommand(
        command,
        f ->
            files.add(
                f.op()
                    + " "
                    + f.path()
                    + " "
                    + f.name()
                    + " "
                    + (f.upload() ? "up" : "down")
                    + " "
                    + f.bytes()
                    + " "
                    + f.status()));
  }

  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      } else if (part instanceof byte[] raw) {
        out.writeBytes(raw);
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }

  /** One direction's bytes, fed as the relay would (ordered against the other direction). */
  private record Step(boolean fromClient, byte[] bytes) {}

  // An upload of a directory with two files (scp -r -O), as OpenSSH's client and server speak it.
  private static List<Step> recursiveUpload(byte[] a, byte[] b) {
    return List.of(
        new Step(false, bytes(0)), // the sink is ready
        new Step(true, bytes("D0755 0 logs\n")),
        new Step(false, bytes(0)),
        new Step(true, bytes("T1733300000 0 1733300000 0\n")),
        new Step(false, bytes(0)),
        new Step(true, bytes("C0644 " + a.length + " a.txt\n")),
        new Step(false, bytes(0)),
        new Step(true, bytes(a, 0)),
        new Step(false, bytes(0)),
        new Step(true, bytes("C0600 " + b.length + " secret key.pem\n")),
        new Step(false, bytes(1, "scp: /srv/logs/secret key.pem: Permission denied\n")),
        new Step(true, bytes("C0644 0 empty\n")),
        new Step(false, bytes(0)),
        new Step(true, bytes(0)),
        new Step(false, bytes(0)),
        new Step(true, bytes("E\n")),
        new Step(false, bytes(0)));
  }

  private static final List<String> RECURSIVE_UPLOAD =
      List.of(
          "close /srv logs/a.txt up 12 ok",
          "open /srv logs/secret key.pem up 0 scp: /srv/logs/secret key.pem: Permission denied",
          "close /srv logs/empty up 0 ok");

  @Test
  void anUploadReportsEachFileOnceTheTargetAnswers() throws IOException {
    ScpOperations scp = follow("scp -r -d -t -- /srv");
    for (Step step :
        recursiveUpload("hello world\n".getBytes(StandardCharsets.UTF_8), new byte[9])) {
      if (step.fromClient()) {
        scp.fromClient(step.bytes(), 0, step.bytes().length);
      } else {
        scp.toClient(step.bytes(), 0, step.bytes().length);
      }
    }
    scp.finish();
    assertEquals(RECURSIVE_UPLOAD, files);
  }

  @Test
  void everySplitOfTheClientsBytesGivesTheSameFiles() throws IOException {
    List<Step> steps =
        recursiveUpload("hello world\n".getBytes(StandardCharsets.UTF_8), new byte[9]);
    for (int chunk = 1; chunk <= 7; chunk++) {
      files.clear();
      ScpOperations scp = follow("scp -t /srv");
      for (Step step : steps) {
        byte[] data = step.bytes();
        for (int at = 0; at < data.length; at += chunk) {
          int n = Math.min(chunk, data.length - at);
          if (step.fromClient()) {
            scp.fromClient(data, at, n);
          } else {
            scp.toClient(data, at, n);
          }
        }
      }
      assertEquals(RECURSIVE_UPLOAD, files, "in pieces of " + chunk);
    }
  }

  @Test
  void aDownloadAndARefusedOneAreReported() throws IOException {
    ScpOperations scp = follow("scp -f /etc/hosts");
    byte[] content = new byte[70_000];
    scp.fromClient(bytes(0), 0, 1); // the client (sink) is ready
    byte[] header = bytes("C0644 " + content.length + " hosts\n");
    scp.toClient(header, 0, header.length);
    scp.fromClient(bytes(0), 0, 1);
    scp.toClient(content, 0, 30_000);
    scp.toClient(content, 30_000, 40_000);
    scp.toClient(bytes(0), 0, 1);
    scp.fromClient(bytes(0), 0, 1);
    assertEquals(List.of("close /etc/hosts hosts down 70000 ok"), files);

    files.clear();
    ScpOperations missing = follow("scp -f '/nope'");
    missing.fromClient(bytes(0), 0, 1);
    byte[] error = bytes(1, "scp: /nope: No such file or directory\n");
    missing.toClient(error, 0, error.length);
    assertEquals(List.of("open /nope null down 0 scp: /nope: No such file or directory"), files);
  }

  @Test
  void aTransferCutOffMidFileIsReportedAndGarbageStopsTheFollowing() throws IOException {
    ScpOperations scp = follow("scp -t /tmp/x");
    scp.toClient(bytes(0), 0, 1);
    byte[] header = bytes("C0644 1000 x\n");
    scp.fromClient(header, 0, header.length);
    scp.toClient(bytes(0), 0, 1);
    scp.fromClient(new byte[400], 0, 400);
    scp.finish();
    assertEquals(List.of("close /tmp/x x up 1000 cut off after 400 bytes"), files);

    files.clear();
    ScpOperations garbage = follow("scp -t /tmp/y");
    garbage.toClient(bytes(0), 0, 1);
    byte[] junk = bytes("GET / HTTP/1.1\n", "C0644 5 z\n");
    garbage.fromClient(junk, 0, junk.length);
    garbage.toClient(bytes(0), 0, 1);
    garbage.finish();
    assertEquals(List.of(), files, "not scp: no longer followed");
    byte[] longLine = new byte[ScpOperations.MAX_LINE + 10];
    ScpOperations overlong = follow("scp -t /tmp/z");
    overlong.fromClient(longLine, 0, longLine.length);
    overlong.finish();
    assertEquals(List.of(), files);
  }

  @Test
  void onlyScpServerCommandsAreFollowedWithTheirPathAsWritten() throws IOException {
    assertNull(follow("rsync --server -vlogDtpre.iLsfxC . /dest"));
    assertNull(follow("scp /a /b"));
    ScpOperations quoted = follow("scp -p -t '/tmp/a b'");
    quoted.toClient(bytes(0), 0, 1);
    byte[] header = bytes("C0644 0 f\n");
    quoted.fromClient(header, 0, header.length);
    quoted.toClient(bytes(0), 0, 1);
    quoted.fromClient(bytes(0), 0, 1); // an empty file: only its end byte
    quoted.toClient(bytes(0), 0, 1);
    assertEquals(List.of("close /tmp/a b f up 0 ok"), files);
  }
}
