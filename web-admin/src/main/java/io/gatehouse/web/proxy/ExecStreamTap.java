package io.gatehouse.web.proxy;

import io.gatehouse.http.json.ValueMasker;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a {@code kubectl exec}/{@code attach} stream in Kubernetes' binary channel protocol ({@code
 * v5.channel.k8s.io}, {@code v4}, …: each WebSocket data frame's first byte is the channel, 0
 * stdin, 1 stdout, 2 stderr, 3 error/exit status, 4 resize, 255 close), records it like an SSH
 * terminal ({@code command}, {@code input}, {@code output} with asciicast timing, {@code resize},
 * {@code exit}) and masks stdout and stderr with the policy's detectors before the caller sees
 * them. Each frame is masked on its own (a value split across two frames is not seen whole).
 *
 * <p>Back-pressure: each side's frames are written to the other side before more is read.
 */
final class ExecStreamTap implements RelayTap {

  private static final Logger LOG = Logger.getLogger(ExecStreamTap.class.getName());

  /** The subprotocols whose frames carry a binary channel byte. */
  static final Set<String> CHANNEL_PROTOCOLS =
      Set.of(
          "v5.channel.k8s.io",
          "v4.channel.k8s.io",
          "v3.channel.k8s.io",
          "v2.channel.k8s.io",
          "channel.k8s.io");

  private static final int MAX_FRAME = 1 << 20;

  private final StreamRecording recording;
  private final ValueMasker masker;
  private final String command;
  private final AtomicBoolean described = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean cut = new AtomicBoolean();
  private final Object toCallerLock = new Object();
  private volatile OutputStream caller;
  private volatile Runnable closeRelay;

  ExecStreamTap(StreamRecording recording, ValueMasker masker, String command) {
    this.recording = recording;
    this.masker = masker;
    this.command = command;
  }

  @Override
  public OutputStream toCaller(OutputStream caller) {
    this.caller = caller;
    return new Framed(caller, this::fromTarget, toCallerLock, cut);
  }

  @Override
  public OutputStream toTarget(OutputStream target) {
    return new Framed(target, this::fromCaller, new Object(), cut);
  }

  @Override
  public void attach(Runnable closeRelay) {
    this.closeRelay = closeRelay;
    recording.onTerminate(this::terminate);
  }

  /**
   * Cuts the stream because its session was ended from outside: the caller reads {@code reason} on
   * the error channel (a Kubernetes {@code Status} of {@code Failure}, which kubectl prints), then
   * a close frame, and both sides are closed. Nothing more from the target reaches the caller.
   */
  void terminate(String reason) {
    if (!cut.compareAndSet(false, true)) {
      return;
    }
    OutputStream out = caller;
    if (out != null) {
      String status =
          Json.createObjectBuilder()
              .add("metadata", Json.createObjectBuilder())
              .add("status", "Failure")
              .add("message", "gatehouse: the session was ended: " + reason)
              .add("reason", "Forbidden")
              .add("code", 403)
              .build()
              .toString();
      byte[] text = status.getBytes(StandardCharsets.UTF_8);
      byte[] error = new byte[text.length + 1];
      error[0] = 3;
      System.arraycopy(text, 0, error, 1, text.length);
      byte[] close = {(byte) 0x03, (byte) 0xe8}; // 1000, normal closure
      synchronized (toCallerLock) {
        try {
          WebSocketFrames.write(
              out, new WebSocketFrames.Frame(true, 0, WebSocketFrames.BINARY, error, null));
          WebSocketFrames.write(
              out, new WebSocketFrames.Frame(true, 0, WebSocketFrames.CLOSE, close, null));
          out.flush();
        } catch (IOException e) {
          LOG.log(Level.FINE, "the caller left before it could be told", e);
        }
      }
    }
    try {
      recording.event(
          "exit",
          Json.createObjectBuilder()
              .add("t", recording.seconds())
              .add("status", "terminated: " + reason)
              .build()
              .toString());
    } catch (IOException e) {
      LOG.log(Level.FINE, "the end of a cut stream is not recorded", e);
    }
    Runnable close = closeRelay;
    if (close != null) {
      close.run();
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      recording.close();
    }
  }

  private interface FrameFilter {
    WebSocketFrames.Frame filter(WebSocketFrames.Frame frame) throws IOException;
  }

  /** Parses what is written into frames, filters each and writes it on. */
  private static final class Framed extends FilterOutputStream {
    private final WebSocketFrames frames;

    Framed(OutputStream out, FrameFilter filter, Object lock, AtomicBoolean cut) {
      super(out);
      this.frames =
          new WebSocketFrames(
              MAX_FRAME,
              frame -> {
                if (cut.get()) {
                  throw new IOException("the stream was cut");
                }
                WebSocketFrames.Frame filtered = filter.filter(frame);
                synchronized (lock) {
                  if (cut.get()) {
                    throw new IOException("the stream was cut");
                  }
                  WebSocketFrames.write(out, filtered);
                  out.flush();
                }
              });
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      frames.feed(b, off, len);
    }
  }

  private WebSocketFrames.Frame fromTarget(WebSocketFrames.Frame frame) throws IOException {
    byte[] p = frame.payload();
    if (!frame.data() || !frame.fin() || p.length == 0) {
      return frame;
    }
    int channel = p[0] & 0xff;
    if (channel == 1 || channel == 2) {
      String text = new String(p, 1, p.length - 1, StandardCharsets.UTF_8);
      String shown = masker == null ? text : masker.mask(text);
      describe(null, null);
      recording.event(
          "output",
          terminal(channel == 1 ? "stdout" : "stderr").add("data", shown).build().toString());
      if (!shown.equals(text)) {
        byte[] out = shown.getBytes(StandardCharsets.UTF_8);
        byte[] replaced = new byte[out.length + 1];
        replaced[0] = p[0];
        System.arraycopy(out, 0, replaced, 1, out.length);
        return frame.withPayload(replaced);
      }
    } else if (channel == 3) {
      describe(null, null);
      recording.event(
          "exit",
          Json.createObjectBuilder()
              .add("t", recording.seconds())
              .add("status", new String(p, 1, p.length - 1, StandardCharsets.UTF_8))
              .build()
              .toString());
    }
    return frame;
  }

  private WebSocketFrames.Frame fromCaller(WebSocketFrames.Frame frame) throws IOException {
    byte[] p = frame.payload();
    if (!frame.data() || !frame.fin() || p.length == 0) {
      return frame;
    }
    int channel = p[0] & 0xff;
    if (channel == 0 && p.length > 1) {
      describe(null, null);
      recording.event(
          "input",
          terminal("stdin")
              .add("data", new String(p, 1, p.length - 1, StandardCharsets.UTF_8))
              .build()
              .toString());
    } else if (channel == 4) {
      Integer width = null;
      Integer height = null;
      try (JsonReader r = Json.createReader(new ByteArrayInputStream(p, 1, p.length - 1))) {
        JsonObject size = r.readObject();
        if (size.get("Width") instanceof JsonNumber w
            && size.get("Height") instanceof JsonNumber h) {
          width = w.intValue();
          height = h.intValue();
        }
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "an unreadable resize message", e);
      }
      if (width != null && !describe(width, height)) {
        recording.event(
            "resize",
            Json.createObjectBuilder()
                .add("t", recording.seconds())
                .add("width", width)
                .add("height", height)
                .build()
                .toString());
      }
    }
    return frame;
  }

  /** Records the {@code command} event once, with the terminal size if known by then. */
  private boolean describe(Integer width, Integer height) throws IOException {
    if (!described.compareAndSet(false, true)) {
      return false;
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("command", command).add("t", recording.seconds());
    if (width != null) {
      json.add("width", width).add("height", height);
    }
    recording.event("command", json.build().toString());
    return true;
  }

  private JsonObjectBuilder terminal(String stream) {
    return Json.createObjectBuilder().add("stream", stream).add("t", recording.seconds());
  }
}
