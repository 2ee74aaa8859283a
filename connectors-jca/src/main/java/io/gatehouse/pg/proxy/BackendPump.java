package io.gatehouse.pg.proxy;

import io.gatehouse.pg.backend.BackendConnection;
import io.gatehouse.pg.wire.BackendCode;
import io.gatehouse.pg.wire.BackendEncoder;
import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.BackendMessages;
import io.gatehouse.pg.wire.DataRowRewriter;
import io.gatehouse.pg.wire.ErrorFields;
import io.gatehouse.pg.wire.Frame;
import io.gatehouse.pg.wire.SqlState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Backend to client: passes frames through, masking the selected columns of each DataRow, text COPY
 * data and message texts, swapping the errors of refused statements for the policy's, and recording
 * results. A binary COPY TO STDOUT while masking is active is drained here and answered with an
 * error: its values carry no types, so they can be neither scanned nor rewritten soundly. Only
 * RowDescription, DataRow (when masking applies), ErrorResponse, NoticeResponse, CommandComplete
 * and ReadyForQuery are parsed, and CopyOutResponse's format byte read; everything else is relayed
 * as bytes. Output is flushed when the backend has nothing more ready, so rows leave in batches.
 */
final class BackendPump {

  private final PgSessionState state;
  private final BackendConnection backend;
  private final ClientOutput client;
  private final BooleanSupplier stopping;
  private DataRowRewriter rows;
  private boolean copyOut;
  // A binary COPY TO STDOUT being drained, unseen by the client, while masking is active.
  private boolean copyRefused;
  // Counted here and added to the session's totals per result (one atomic add, not one per row).
  private long rowsRelayed;
  private long valuesMasked;

  BackendPump(
      PgSessionState state,
      BackendConnection backend,
      ClientOutput client,
      BooleanSupplier stopping) {
    this.state = state;
    this.backend = backend;
    this.client = client;
    this.stopping = stopping;
  }

  /** Relays until the backend connection ends; returns normally only on a clean close. */
  void run() throws IOException {
    try {
      relay();
    } finally {
      addCounts();
    }
  }

  private void addCounts() {
    if (rowsRelayed != 0) {
      state.rowsRelayed(rowsRelayed);
      rowsRelayed = 0;
    }
    if (valuesMasked != 0) {
      state.valuesMasked(valuesMasked);
      valuesMasked = 0;
    }
  }

  private void relay() throws IOException {
    while (true) {
      if (!backend.hasBufferedInput()) {
        client.flush();
      }
      Frame frame = backend.read();
      switch (frame.type()) {
        case BackendCode.ROW_DESCRIPTION -> {
          BackendMessage.RowDescription description =
              (BackendMessage.RowDescription) BackendMessages.parse(frame);
          rows = state.masking().forColumns(description.fields(), state.resultColumns());
          if (!state.answersOwnDescribe()) {
            client.write(frame);
          }
          if (rows != null) {
            String notice =
                state.masking().withheldNotice(description.fields(), state.resultColumns());
            if (notice != null) {
              client.write(
                  BackendEncoder.noticeResponse(ErrorFields.of("NOTICE", "01000", notice)));
            }
          }
        }
        case BackendCode.NO_DATA -> {
          rows = null;
          if (!state.answersOwnDescribe()) {
            client.write(frame);
          }
        }
        case BackendCode.PORTAL_SUSPENDED, BackendCode.EMPTY_QUERY_RESPONSE -> {
          rows = null;
          client.write(frame);
        }
        case BackendCode.DATA_ROW -> {
          writeRow(frame);
          rowsRelayed++;
        }
        case BackendCode.COMMAND_COMPLETE -> {
          rows = null;
          if (endRefusedCopy()) {
            continue;
          }
          addCounts();
          copyOut = false;
          state.recordResult(((BackendMessage.CommandComplete) BackendMessages.parse(frame)).tag());
          client.write(frame);
        }
        case BackendCode.ERROR_RESPONSE -> {
          if (!endRefusedCopy()) {
            error(frame);
          }
        }
        case BackendCode.NOTICE_RESPONSE -> notice(frame);
        case BackendCode.COPY_OUT_RESPONSE -> {
          copyOut = true;
          copyRefused = state.masking().active() && isBinary(frame);
          if (!copyRefused) {
            client.write(frame);
          }
        }
        case BackendCode.COPY_DATA -> {
          if (copyRefused) {
            continue; // drained: not a byte of it reaches the client
          }
          if (copyOut && state.masking().active()) {
            client.write(maskedCopyData(frame));
          } else {
            client.write(frame);
          }
        }
        case BackendCode.COPY_DONE -> {
          if (!copyRefused) {
            client.write(frame);
          }
        }
        case BackendCode.READY_FOR_QUERY -> {
          rows = null;
          endRefusedCopy(); // never reached in order, but never without the refusal either
          copyOut = false;
          BackendMessage.ReadyForQuery ready =
              (BackendMessage.ReadyForQuery) BackendMessages.parse(frame);
          addCounts();
          state.readyForQuery(ready.status());
          if (stopping.getAsBoolean() && state.allAnswered()) {
            return;
          }
          client.write(frame);
        }
        default -> client.write(frame);
      }
    }
  }

  /** CopyOutResponse: overall format, 0 text (text or csv), 1 binary. */
  private static boolean isBinary(Frame frame) {
    ByteBuffer body = frame.body();
    return body.remaining() == 0 || body.get(body.position()) != 0;
  }

  /**
   * Ends a refused binary COPY: its CommandComplete (or the backend's error, should the COPY fail
   * while drained) becomes the refusal, so the client gets one ErrorResponse where the COPY stood
   * and then the backend's own ReadyForQuery. Returns whether a COPY was being refused.
   */
  private boolean endRefusedCopy() throws IOException {
    if (!copyRefused) {
      return false;
    }
    copyRefused = false;
    copyOut = false;
    ErrorFields refusal =
        ErrorFields.error(
                SqlState.FEATURE_NOT_SUPPORTED,
                "Gatehouse: binary COPY output cannot be masked; use FORMAT text or csv")
            .with(
                ErrorFields.DETAIL,
                "Masking is active for this session and binary COPY data carries no column types.");
    state.recordError(refusal);
    client.write(BackendEncoder.errorResponse(refusal));
    return true;
  }

  private void writeRow(Frame frame) throws IOException {
    if (rows == null) {
      client.write(frame);
      return;
    }
    ByteBuffer rewritten = rows.rewrite(frame); // the rewriter's buffer: written out at once
    if (rewritten == null) {
      client.write(frame);
    } else {
      valuesMasked++;
      client.write(rewritten);
    }
  }

  private void error(Frame frame) throws IOException {
    ErrorFields fields = ((BackendMessage.ErrorResponse) BackendMessages.parse(frame)).fields();
    ErrorFields refusal = state.refusals().replace(fields);
    if (refusal != null) {
      client.write(BackendEncoder.errorResponse(refusal));
      return;
    }
    ErrorFields masked = maskFields(fields);
    state.recordError(masked);
    if (masked == fields) {
      client.write(frame);
    } else {
      client.write(BackendEncoder.errorResponse(masked));
    }
  }

  private void notice(Frame frame) throws IOException {
    ErrorFields fields = ((BackendMessage.NoticeResponse) BackendMessages.parse(frame)).fields();
    ErrorFields masked = maskFields(fields);
    if (masked == fields) {
      client.write(frame);
    } else {
      client.write(BackendEncoder.noticeResponse(masked));
    }
  }

  /**
   * The fields that can echo values: texts ("Key (card)=(4111…) already exists"), the context
   * (which quotes SQL statements) and the internal query (dynamic SQL of a function, with its
   * literals). The others are names (schema, table, column, type, constraint, routine), positions,
   * codes and the server's source location.
   */
  private static final char[] VALUE_FIELDS = {
    ErrorFields.MESSAGE,
    ErrorFields.DETAIL,
    ErrorFields.HINT,
    ErrorFields.WHERE,
    ErrorFields.INTERNAL_QUERY
  };

  private ErrorFields maskFields(ErrorFields fields) {
    if (!state.masking().active()) {
      return fields;
    }
    ErrorFields result = fields;
    for (char code : VALUE_FIELDS) {
      String value = fields.get(code);
      if (value != null) {
        String masked = state.masking().maskText(value);
        if (!masked.equals(value)) {
          result = result.with(code, masked);
          valuesMasked++;
        }
      }
    }
    return result;
  }

  private ByteBuffer maskedCopyData(Frame frame) {
    ByteBuffer body = frame.body();
    byte[] bytes = new byte[body.remaining()];
    body.duplicate().get(bytes);
    String text = new String(bytes, StandardCharsets.UTF_8);
    String masked = state.masking().maskText(text);
    if (masked.equals(text)) {
      return frame.raw();
    }
    valuesMasked++;
    byte[] out = masked.getBytes(StandardCharsets.UTF_8);
    ByteBuffer frameOut = ByteBuffer.allocate(out.length + 5);
    frameOut.put(BackendCode.COPY_DATA).putInt(out.length + 4).put(out).flip();
    return frameOut;
  }
}
