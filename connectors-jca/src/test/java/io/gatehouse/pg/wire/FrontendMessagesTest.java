package io.gatehouse.pg.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.pg.wire.FrontendMessage.AuthenticationResponse;
import io.gatehouse.pg.wire.FrontendMessage.Bind;
import io.gatehouse.pg.wire.FrontendMessage.Close;
import io.gatehouse.pg.wire.FrontendMessage.CopyData;
import io.gatehouse.pg.wire.FrontendMessage.CopyDone;
import io.gatehouse.pg.wire.FrontendMessage.CopyFail;
import io.gatehouse.pg.wire.FrontendMessage.Describe;
import io.gatehouse.pg.wire.FrontendMessage.Execute;
import io.gatehouse.pg.wire.FrontendMessage.Flush;
import io.gatehouse.pg.wire.FrontendMessage.Parse;
import io.gatehouse.pg.wire.FrontendMessage.Query;
import io.gatehouse.pg.wire.FrontendMessage.Sync;
import io.gatehouse.pg.wire.FrontendMessage.Terminate;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrontendMessagesTest {

  static FrontendMessage parse(byte[] frame) throws WireFormatException {
    return FrontendMessages.parse(FrameDecoder.frontend().next(ByteBuffer.wrap(frame)));
  }

  static Stream<Arguments> roundTrips() {
    return Stream.of(
        Arguments.of(
            FrontendEncoder.query("SELECT 1; SELECT 'ü'"), new Query("SELECT 1; SELECT 'ü'")),
        Arguments.of(FrontendEncoder.query(""), new Query("")),
        Arguments.of(
            FrontendEncoder.parse("s1", "SELECT $1::int", List.of(23)),
            new Parse("s1", "SELECT $1::int", List.of(23))),
        Arguments.of(
            FrontendEncoder.parse("", "SELECT 1", List.of()), new Parse("", "SELECT 1", List.of())),
        Arguments.of(
            FrontendEncoder.bind(
                "p", "s", List.of(0, 1), Arrays.asList(Bytes.utf8("42"), null), List.of(1)),
            new Bind("p", "s", List.of(0, 1), Arrays.asList(Bytes.utf8("42"), null), List.of(1))),
        Arguments.of(
            FrontendEncoder.bind("", "", List.of(), List.of(), List.of()),
            new Bind("", "", List.of(), List.of(), List.of())),
        Arguments.of(FrontendEncoder.describe((byte) 'S', "s1"), new Describe((byte) 'S', "s1")),
        Arguments.of(FrontendEncoder.describe((byte) 'P', ""), new Describe((byte) 'P', "")),
        Arguments.of(FrontendEncoder.close((byte) 'P', "p1"), new Close((byte) 'P', "p1")),
        Arguments.of(FrontendEncoder.execute("", 0), new Execute("", 0)),
        Arguments.of(FrontendEncoder.execute("p1", 100), new Execute("p1", 100)),
        Arguments.of(FrontendEncoder.sync(), new Sync()),
        Arguments.of(FrontendEncoder.flush(), new Flush()),
        Arguments.of(FrontendEncoder.terminate(), new Terminate()),
        Arguments.of(
            FrontendEncoder.copyData(new byte[] {1, 2, 3}),
            new CopyData(Bytes.buf(new byte[] {1, 2, 3}))),
        Arguments.of(FrontendEncoder.copyDone(), new CopyDone()),
        Arguments.of(FrontendEncoder.copyFail("aborted"), new CopyFail("aborted")));
  }

  @ParameterizedTest
  @MethodSource("roundTrips")
  void encoderOutputParsesBack(byte[] frame, FrontendMessage expected) throws Exception {
    assertEquals(expected, parse(frame), "round trip of " + expected);
  }

  @Test
  void bindNullValueIsNull() throws Exception {
    Bind b =
        (Bind)
            parse(
                FrontendEncoder.bind(
                    "", "", List.of(), Arrays.asList(null, Bytes.utf8("")), List.of()));
    assertNull(b.values().get(0), "-1 is NULL");
    assertEquals(0, b.values().get(1).remaining(), "empty is not NULL");
  }

  @Test
  void passwordMessageParsesButNeverPrints() throws Exception {
    AuthenticationResponse r =
        (AuthenticationResponse) parse(FrontendEncoder.passwordMessage("s3cret"));
    assertEquals("s3cret", r.asPassword().password(), "password");
    assertFalse(r.asPassword().toString().contains("s3cret"), "toString redacts");
    assertFalse(r.toString().contains("s3cret"), "toString redacts");
  }

  @Test
  void saslMessagesParse() throws Exception {
    AuthenticationResponse init =
        (AuthenticationResponse)
            parse(FrontendEncoder.saslInitialResponse("SCRAM-SHA-256", "n,,n=,r=abc".getBytes()));
    assertEquals("SCRAM-SHA-256", init.asSaslInitialResponse().mechanism(), "mechanism");
    assertEquals(Bytes.utf8("n,,n=,r=abc"), init.asSaslInitialResponse().data(), "data");
    AuthenticationResponse none =
        (AuthenticationResponse) parse(FrontendEncoder.saslInitialResponse("SCRAM-SHA-256", null));
    assertNull(none.asSaslInitialResponse().data(), "-1 means no data");
    AuthenticationResponse resp =
        (AuthenticationResponse) parse(FrontendEncoder.saslResponse("c=biws".getBytes()));
    assertEquals(Bytes.utf8("c=biws"), resp.asSaslResponse().data(), "data");
  }

  @Test
  void saslInitialResponseWithLyingLengthIsRejected() throws Exception {
    byte[] body = Bytes.concat("SCRAM-SHA-256\0".getBytes(), new byte[] {0, 0, 0, 9, 'x'});
    AuthenticationResponse r = (AuthenticationResponse) parse(Bytes.typed('p', body));
    assertThrows(WireFormatException.class, r::asSaslInitialResponse, "9 bytes promised, 1 sent");
  }

  static Stream<Arguments> invalidFrames() {
    return Stream.of(
        Arguments.of("unknown type", Bytes.typed('z', new byte[0]), "type"),
        Arguments.of(
            "query without terminator", Bytes.typed('Q', "SELECT".getBytes()), "terminator"),
        Arguments.of("query trailing", Bytes.typed('Q', "A\0B".getBytes()), "trailing"),
        Arguments.of(
            "parse truncated oids",
            Bytes.typed('P', new byte[] {0, 0, 0, 2, 0, 0, 0, 23}),
            "truncated"),
        Arguments.of(
            "bind negative length",
            Bytes.typed('B', new byte[] {0, 0, 0, 0, 0, 1, -1, -1, -1, -2, 0, 0}),
            "length"),
        Arguments.of(
            "bind lying length",
            Bytes.typed('B', new byte[] {0, 0, 0, 0, 0, 1, 0, 0, 0, 9, 1, 0, 0}),
            "truncated"),
        Arguments.of(
            "bind bad format",
            Bytes.typed('B', new byte[] {0, 0, 0, 1, 0, 7, 0, 0, 0, 0}),
            "format"),
        Arguments.of(
            "bind format count mismatch",
            Bytes.typed('B', new byte[] {0, 0, 0, 2, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0}),
            "formats"),
        Arguments.of("describe bad kind", Bytes.typed('D', new byte[] {'X', 0}), "kind"),
        Arguments.of("close empty", Bytes.typed('C', new byte[0]), "truncated"),
        Arguments.of("execute truncated", Bytes.typed('E', new byte[] {0, 0, 0}), "truncated"),
        Arguments.of("sync with body", Bytes.typed('S', new byte[] {1}), "trailing"),
        Arguments.of("terminate with body", Bytes.typed('X', new byte[] {1}), "trailing"),
        Arguments.of("copyfail unterminated", Bytes.typed('f', "x".getBytes()), "terminator"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFrames")
  void rejectsInvalidFrames(String name, byte[] frame, String expected) {
    WireFormatException e = assertThrows(WireFormatException.class, () -> parse(frame), name);
    assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
  }
}
