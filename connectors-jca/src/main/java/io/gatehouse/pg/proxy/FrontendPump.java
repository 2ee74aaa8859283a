package io.gatehouse.pg.proxy;

import io.gatehouse.pg.backend.BackendConnection;
import io.gatehouse.pg.wire.BackendEncoder;
import io.gatehouse.pg.wire.Frame;
import io.gatehouse.pg.wire.FrameDecoder;
import io.gatehouse.pg.wire.FrontendCode;
import io.gatehouse.pg.wire.FrontendEncoder;
import io.gatehouse.pg.wire.FrontendMessage;
import io.gatehouse.pg.wire.FrontendMessages;
import io.gatehouse.pg.wire.SqlState;
import io.gatehouse.pg.wire.StreamFrameReader;
import io.gatehouse.pg.wire.WireFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Client to backend: every Query and Parse gets a verdict and a record before it is forwarded; one
 * held for review waits here for its reviewers ({@link StatementHold}); a refused one is replaced
 * by a marker (see {@link BlockedStatements}). Runs on the session's own thread until the client
 * terminates or disconnects.
 */
final class FrontendPump {

  /** Why the pump stopped. */
  enum End {
    TERMINATED,
    DISCONNECTED
  }

  private final PgSessionState state;
  private final Socket socket;
  private final BufferedInputStream clientBuffer;
  private final StreamFrameReader client;
  private final OutputStream backendOut;
  private final ClientOutput clientOut;
  private final StatementHold hold;
  private final boolean masking;
  // With masking on: the portal of a Describe forwarded as the previous message, else null.
  private String describedPortal;

  FrontendPump(
      PgSessionState state,
      Socket socket,
      InputStream clientIn,
      BackendConnection backend,
      ClientOutput clientOut,
      StatementHold hold) {
    this.state = state;
    this.hold = hold;
    this.socket = socket;
    this.clientBuffer = new BufferedInputStream(clientIn, 16 * 1024);
    this.client = new StreamFrameReader(clientBuffer, FrameDecoder.frontend());
    this.backendOut = new SyncedOutput(backend.output(), 16 * 1024, state::syncRecording);
    this.clientOut = clientOut;
    this.masking = state.masking().active();
  }

  End run() throws IOException {
    while (true) {
      Frame frame;
      try {
        frame = client.read();
      } catch (java.io.EOFException e) {
        return End.DISCONNECTED;
      }
      byte type = frame.type();
      switch (type) {
        case FrontendCode.QUERY -> query(frame);
        case FrontendCode.PARSE -> parse(frame);
        case FrontendCode.BIND -> {
          state.recordBind((FrontendMessage.Bind) FrontendMessages.parse(frame));
          forward(frame);
        }
        case FrontendCode.SYNC -> {
          forward(frame);
          state.syncPointSent();
          backendOut.flush();
        }
        case FrontendCode.FLUSH -> {
          forward(frame);
          backendOut.flush();
        }
        case FrontendCode.TERMINATE -> {
          backendOut.flush();
          return End.TERMINATED;
        }
        case FrontendCode.FUNCTION_CALL -> refuseFunctionCall();
        case FrontendCode.DESCRIBE -> describe(frame);
        case FrontendCode.EXECUTE -> execute(frame);
        case FrontendCode.CLOSE,
            FrontendCode.COPY_DATA,
            FrontendCode.COPY_DONE,
            FrontendCode.COPY_FAIL ->
            forward(frame);
        default ->
            throw new WireFormatException(
                SqlState.PROTOCOL_VIOLATION,
                "unexpected message type '" + (char) type + "' from the client");
      }
      if (type == FrontendCode.COPY_DONE || type == FrontendCode.COPY_FAIL) {
        backendOut.flush();
      }
      if (type != FrontendCode.DESCRIBE) {
        describedPortal = null;
      }
    }
  }

  private void query(Frame frame) throws IOException {
    FrontendMessage.Query query = (FrontendMessage.Query) FrontendMessages.parse(frame);
    Verdict verdict = held(query.sql(), state.decideAndRecord(query.sql(), "simple", null));
    if (verdict.allowed()) {
      forward(frame);
    } else {
      backendOut.write(FrontendEncoder.query(state.refusals().substitute(verdict, state.batch())));
    }
    state.syncPointSent();
    backendOut.flush();
  }

  private void parse(Frame frame) throws IOException {
    FrontendMessage.Parse parse = (FrontendMessage.Parse) FrontendMessages.parse(frame);
    state.parsed(parse.statement(), parse.parameterTypes());
    Verdict verdict =
        held(parse.query(), state.decideAndRecord(parse.query(), "extended", parse.statement()));
    if (verdict.allowed()) {
      forward(frame);
    } else {
      String marker = state.refusals().substitute(verdict, state.batch());
      backendOut.write(FrontendEncoder.parse(parse.statement(), marker, List.of()));
    }
  }

  private void describe(Frame frame) throws IOException {
    if (masking) {
      FrontendMessage.Describe describe = (FrontendMessage.Describe) FrontendMessages.parse(frame);
      state.describeSent(false);
      describedPortal = describe.kind() == 'P' ? describe.name() : null;
    }
    forward(frame);
  }

  /**
   * With masking on, the rows of every Execute must be masked by its own portal's RowDescription (a
   * statement's Describe shows text formats, and clients skip Describe for statements they have
   * seen before): unless the client described this portal just before, the gateway sends a Describe
   * of its own, whose answer the backend pump uses and does not pass on.
   */
  private void execute(Frame frame) throws IOException {
    if (masking) {
      String portal = ((FrontendMessage.Execute) FrontendMessages.parse(frame)).portal();
      if (!portal.equals(describedPortal)) {
        state.describeSent(true);
        backendOut.write(FrontendEncoder.describe((byte) 'P', portal));
      }
    }
    forward(frame);
  }

  // Work already forwarded runs while this statement waits for its reviewers.
  private Verdict held(String sql, Verdict verdict) throws IOException {
    if (verdict.outcome() != Verdict.Outcome.REVIEW) {
      return verdict;
    }
    backendOut.flush();
    state.holding(true);
    try {
      return hold.await(sql, verdict, this::clientGone);
    } finally {
      state.holding(false);
    }
  }

  /**
   * Whether the client left (or the session was terminated) while a statement waits: peeks one byte
   * with a 1 ms timeout and puts it back, so pipelined messages stay where they are.
   */
  private boolean clientGone() {
    if (socket.isClosed()) {
      return true;
    }
    try {
      if (clientBuffer.available() > 0) {
        return false;
      }
      int timeout = socket.getSoTimeout();
      socket.setSoTimeout(1);
      try {
        clientBuffer.mark(1);
        if (clientBuffer.read() < 0) {
          return true;
        }
        clientBuffer.reset();
        return false;
      } catch (SocketTimeoutException idle) {
        return false;
      } finally {
        socket.setSoTimeout(timeout);
      }
    } catch (IOException e) {
      return true;
    }
  }

  // Fast-path calls name a function by OID, which policy cannot see: refused, fail closed.
  private void refuseFunctionCall() throws IOException {
    Verdict verdict =
        new Verdict(
            Verdict.Outcome.BLOCK,
            null,
            "fast-path function calls are not allowed",
            "FUNCTION_CALL");
    state.record("statement", "{\"functionCall\":true}", verdict);
    clientOut.write(BackendEncoder.errorResponse(BlockedStatements.refusal(verdict)));
    clientOut.send(BackendEncoder.readyForQuery(state.transactionStatus()));
  }

  private void forward(Frame frame) throws IOException {
    frame.writeTo(backendOut);
  }

  static String text(ByteBuffer value) {
    ByteBuffer copy = value.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
