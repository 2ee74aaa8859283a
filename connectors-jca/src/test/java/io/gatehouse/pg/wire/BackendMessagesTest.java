package io.gatehouse.pg.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.pg.wire.BackendMessage.AuthenticationCleartextPassword;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationMd5Password;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationOk;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationSasl;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationSaslContinue;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationSaslFinal;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationUnsupported;
import io.gatehouse.pg.wire.BackendMessage.BackendKeyData;
import io.gatehouse.pg.wire.BackendMessage.CommandComplete;
import io.gatehouse.pg.wire.BackendMessage.CopyResponse;
import io.gatehouse.pg.wire.BackendMessage.ErrorResponse;
import io.gatehouse.pg.wire.BackendMessage.Field;
import io.gatehouse.pg.wire.BackendMessage.NoBody;
import io.gatehouse.pg.wire.BackendMessage.NoticeResponse;
import io.gatehouse.pg.wire.BackendMessage.NotificationResponse;
import io.gatehouse.pg.wire.BackendMessage.ParameterStatus;
import io.gatehouse.pg.wire.BackendMessage.ReadyForQuery;
import io.gatehouse.pg.wire.BackendMessage.RowDescription;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BackendMessagesTest {
  private static final Field ID = new Field("id", 16384, (short) 1, 23, (short) 4, -1, (short) 0);
  private static final Field NAME = new Field("näme", 0, (short) 0, 25, (short) -1, -1, (short) 1);

  static BackendMessage parse(byte[] frame) throws WireFormatException {
    return BackendMessages.parse(FrameDecoder.backend().next(ByteBuffer.wrap(frame)));
  }

  static Stream<Arguments> roundTrips() {
    ErrorFields full =
        ErrorFields.error("42501", "permission denied for table t")
            .with(ErrorFields.DETAIL, "rule r1")
            .with(ErrorFields.HINT, "ask for review")
            .with(ErrorFields.POSITION, "15");
    return Stream.of(
        Arguments.of(BackendEncoder.authenticationOk(), new AuthenticationOk()),
        Arguments.of(
            BackendEncoder.authenticationCleartextPassword(),
            new AuthenticationCleartextPassword()),
        Arguments.of(
            BackendEncoder.authenticationMd5Password(new byte[] {1, 2, 3, 4}),
            new AuthenticationMd5Password(Bytes.buf(new byte[] {1, 2, 3, 4}))),
        Arguments.of(
            BackendEncoder.authenticationSasl(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")),
            new AuthenticationSasl(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"))),
        Arguments.of(
            BackendEncoder.authenticationSaslContinue("r=x,s=y,i=1".getBytes()),
            new AuthenticationSaslContinue(Bytes.utf8("r=x,s=y,i=1"))),
        Arguments.of(
            BackendEncoder.authenticationSaslFinal("v=abc".getBytes()),
            new AuthenticationSaslFinal(Bytes.utf8("v=abc"))),
        Arguments.of(
            BackendEncoder.parameterStatus("server_version", "15.8"),
            new ParameterStatus("server_version", "15.8")),
        Arguments.of(BackendEncoder.backendKeyData(1234, -99), new BackendKeyData(1234, -99)),
        Arguments.of(
            BackendEncoder.readyForQuery(TransactionStatus.IDLE),
            new ReadyForQuery(TransactionStatus.IDLE)),
        Arguments.of(
            BackendEncoder.readyForQuery(TransactionStatus.IN_TRANSACTION),
            new ReadyForQuery(TransactionStatus.IN_TRANSACTION)),
        Arguments.of(
            BackendEncoder.readyForQuery(TransactionStatus.FAILED),
            new ReadyForQuery(TransactionStatus.FAILED)),
        Arguments.of(
            BackendEncoder.rowDescription(List.of(ID, NAME)),
            new RowDescription(List.of(ID, NAME))),
        Arguments.of(BackendEncoder.rowDescription(List.of()), new RowDescription(List.of())),
        Arguments.of(
            BackendEncoder.commandComplete("INSERT 0 1"), new CommandComplete("INSERT 0 1")),
        Arguments.of(BackendEncoder.errorResponse(full), new ErrorResponse(full)),
        Arguments.of(
            BackendEncoder.noticeResponse(ErrorFields.of("NOTICE", "00000", "hi")),
            new NoticeResponse(ErrorFields.of("NOTICE", "00000", "hi"))),
        Arguments.of(
            BackendEncoder.emptyQueryResponse(), new NoBody(BackendCode.EMPTY_QUERY_RESPONSE)),
        Arguments.of(Bytes.typed('1', new byte[0]), new NoBody(BackendCode.PARSE_COMPLETE)),
        Arguments.of(
            Bytes.typed('A', Bytes.concat(new byte[] {0, 0, 0, 7}, "ch\0payload\0".getBytes())),
            new NotificationResponse(7, "ch", "payload")),
        Arguments.of(
            Bytes.typed('G', new byte[] {0, 0, 2, 0, 0, 0, 0}),
            new CopyResponse(BackendCode.COPY_IN_RESPONSE, (byte) 0, List.of(0, 0))),
        Arguments.of(
            Bytes.typed('H', new byte[] {1, 0, 1, 0, 1}),
            new CopyResponse(BackendCode.COPY_OUT_RESPONSE, (byte) 1, List.of(1))),
        Arguments.of(
            Bytes.typed('R', new byte[] {0, 0, 0, 7}),
            new AuthenticationUnsupported(7, Bytes.buf(new byte[0]))));
  }

  @ParameterizedTest
  @MethodSource("roundTrips")
  void encoderOutputParsesBack(byte[] frame, BackendMessage expected) throws Exception {
    assertEquals(expected, parse(frame), "round trip of " + expected);
  }

  @Test
  void errorResponseConvenienceBuilderSetsAllFields() throws Exception {
    ErrorResponse e =
        (ErrorResponse)
            parse(
                BackendEncoder.errorResponse(
                    "ERROR", "42501", "blocked", "by rule r1", "request review"));
    assertEquals("ERROR", e.fields().severity(), "S");
    assertEquals("42501", e.fields().sqlState(), "C");
    assertEquals("blocked", e.fields().message(), "M");
    assertEquals("by rule r1", e.fields().detail(), "D");
    assertEquals("request review", e.fields().hint(), "H");
  }

  @Test
  void dataRowValuesAreSlicesAndNullIsNull() throws Exception {
    byte[] frame = BackendEncoder.dataRow(Arrays.asList("1".getBytes(), null, new byte[0]));
    DataRow row = (DataRow) parse(frame);
    assertEquals(3, row.columnCount(), "columns");
    assertEquals(Bytes.utf8("1"), row.value(0), "value");
    assertTrue(row.isNull(1), "NULL");
    assertNull(row.value(1), "NULL value");
    assertEquals(0, row.value(2).remaining(), "empty string is not NULL");
  }

  static Stream<Arguments> invalidFrames() {
    return Stream.of(
        Arguments.of("unknown type", Bytes.typed('?', new byte[0]), "type"),
        Arguments.of(
            "unknown auth code", Bytes.typed('R', new byte[] {0, 0, 0, 99}), "authentication"),
        Arguments.of("auth truncated", Bytes.typed('R', new byte[] {0, 0}), "truncated"),
        Arguments.of("ok with body", Bytes.typed('R', new byte[] {0, 0, 0, 0, 1}), "trailing"),
        Arguments.of(
            "md5 short salt", Bytes.typed('R', new byte[] {0, 0, 0, 5, 1, 2}), "truncated"),
        Arguments.of(
            "sasl list unterminated",
            Bytes.typed('R', Bytes.concat(new byte[] {0, 0, 0, 10}, "SCRAM-SHA-256\0".getBytes())),
            "terminator"),
        Arguments.of("bad tx status", Bytes.typed('Z', new byte[] {'X'}), "status"),
        Arguments.of("key data short", Bytes.typed('K', new byte[] {0, 0, 0, 1}), "truncated"),
        Arguments.of(
            "row description short", Bytes.typed('T', new byte[] {0, 1, 'a', 0, 0}), "truncated"),
        Arguments.of(
            "datarow lying count",
            Bytes.typed('D', new byte[] {0, 5, 0, 0, 0, 1, 'x'}),
            "truncated"),
        Arguments.of(
            "datarow lying length",
            Bytes.typed('D', new byte[] {0, 1, 0, 0, 0, 9, 'x'}),
            "truncated"),
        Arguments.of(
            "datarow negative length",
            Bytes.typed('D', new byte[] {0, 1, -1, -1, -1, -3}),
            "length"),
        Arguments.of("datarow trailing", Bytes.typed('D', new byte[] {0, 0, 1}), "trailing"),
        Arguments.of("error unterminated", Bytes.typed('E', new byte[] {'S', 'E', 0}), "truncated"),
        Arguments.of(
            "error field no string", Bytes.typed('E', new byte[] {'S', 'E'}), "terminator"),
        Arguments.of(
            "copy response short", Bytes.typed('G', new byte[] {0, 0, 2, 0, 0}), "truncated"),
        Arguments.of(
            "notification short", Bytes.typed('A', new byte[] {0, 0, 0, 1, 'c', 0}), "terminator"),
        Arguments.of("parse complete with body", Bytes.typed('1', new byte[] {0}), "trailing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFrames")
  void rejectsInvalidFrames(String name, byte[] frame, String expected) {
    WireFormatException e = assertThrows(WireFormatException.class, () -> parse(frame), name);
    assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
  }
}
