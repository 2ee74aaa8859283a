package io.gatehouse.pg.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.pg.wire.StartupPacket.CancelRequest;
import io.gatehouse.pg.wire.StartupPacket.GssEncRequest;
import io.gatehouse.pg.wire.StartupPacket.SslRequest;
import io.gatehouse.pg.wire.StartupPacket.StartupMessage;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StartupPacketsTest {

  static StartupPacket parse(byte[] packet) throws WireFormatException {
    return StartupPackets.parse(new StartupDecoder().next(ByteBuffer.wrap(packet)));
  }

  static Stream<Arguments> validPackets() {
    return Stream.of(
        Arguments.of(FrontendEncoder.sslRequest(), new SslRequest()),
        Arguments.of(FrontendEncoder.gssEncRequest(), new GssEncRequest()),
        Arguments.of(FrontendEncoder.cancelRequest(42, -7), new CancelRequest(42, -7)),
        Arguments.of(
            FrontendEncoder.startupMessage(Map.of("user", "alice", "database", "sales")),
            new StartupMessage(
                FrontendCode.PROTOCOL_3_0, Map.of("user", "alice", "database", "sales"))));
  }

  @ParameterizedTest
  @MethodSource("validPackets")
  void parsesEachPacketKind(byte[] packet, StartupPacket expected) throws Exception {
    assertEquals(expected, parse(packet), "round trip");
  }

  @Test
  void startupMessageKeepsAllParametersInOrder() throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("user", "alice");
    p.put("database", "sales");
    p.put("options", "-c search_path=x");
    p.put("application_name", "psql");
    p.put("_pq_.compression", "on");
    StartupMessage m = (StartupMessage) parse(FrontendEncoder.startupMessage(p));
    assertEquals(p, m.parameters(), "parameters");
    assertEquals("-c search_path=x", m.options(), "options");
    assertEquals("psql", m.applicationName(), "application_name");
    assertEquals(3, m.majorVersion(), "major");
    assertEquals(0, m.minorVersion(), "minor");
  }

  static Stream<Arguments> invalidPackets() {
    return Stream.of(
        Arguments.of("missing user", startup(3, 0, "database", "x"), "user name"),
        Arguments.of("empty user", startup(3, 0, "user", "", "database", "x"), "user name"),
        Arguments.of("missing database", startup(3, 0, "user", "a"), "database name"),
        Arguments.of("empty database", startup(3, 0, "user", "a", "database", ""), "database"),
        Arguments.of(
            "duplicate key", startup(3, 0, "user", "a", "user", "b", "database", "x"), "duplicate"),
        Arguments.of("protocol 2", startup(2, 0, "user", "a", "database", "x"), "protocol"),
        Arguments.of("protocol 4", startup(4, 0, "user", "a", "database", "x"), "protocol"),
        Arguments.of("no terminator", packet(0x30000, "user\0a\0database\0x".getBytes()), "termin"),
        Arguments.of(
            "trailing bytes", packet(0x30000, "user\0a\0database\0x\0\0zz".getBytes()), "trailing"),
        Arguments.of(
            "bad utf8",
            packet(0x30000, new byte[] {'u', 's', 'e', 'r', 0, (byte) 0xff, 0, 0}),
            "UTF-8"),
        Arguments.of("ssl with body", packet(FrontendCode.SSL_REQUEST, new byte[] {1}), "trailing"),
        Arguments.of(
            "short cancel",
            packet(FrontendCode.CANCEL_REQUEST, new byte[] {0, 0, 0, 1}),
            "truncated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPackets")
  void rejectsInvalidPackets(String name, byte[] packet, String expected) {
    WireFormatException e = assertThrows(WireFormatException.class, () -> parse(packet), name);
    assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
  }

  @Test
  void missingUserIsAnAuthorizationError() {
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> parse(startup(3, 0, "database", "x")));
    assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, e.sqlState(), "28000");
  }

  @Test
  void startupMessageToStringHasParametersButCancelHidesSecret() throws Exception {
    assertInstanceOf(StartupMessage.class, parse(startup(3, 0, "user", "a", "database", "b")));
    assertTrue(!new CancelRequest(1, 987654).toString().contains("987654"), "secret hidden");
  }

  private static byte[] startup(int major, int minor, String... kv) {
    StringBuilder sb = new StringBuilder();
    for (String s : kv) {
      sb.append(s).append('\0');
    }
    sb.append('\0');
    return packet((major << 16) | minor, sb.toString().getBytes());
  }

  private static byte[] packet(int code, byte[] rest) {
    return ByteBuffer.allocate(8 + rest.length)
        .putInt(8 + rest.length)
        .putInt(code)
        .put(rest)
        .array();
  }
}
