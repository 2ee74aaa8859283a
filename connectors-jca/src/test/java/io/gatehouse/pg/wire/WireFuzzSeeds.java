package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Valid messages of every kind, the starting points for mutation. */
final class WireFuzzSeeds {
  private WireFuzzSeeds() {}

  static byte[][] all() {
    return new byte[][] {
      FrontendEncoder.startupMessage(Map.of("user", "u", "database", "d")),
      FrontendEncoder.sslRequest(),
      FrontendEncoder.cancelRequest(1, 2),
      FrontendEncoder.query("SELECT 1"),
      FrontendEncoder.parse("s", "SELECT $1", List.of(23)),
      FrontendEncoder.bind(
          "p", "s", List.of(1), Arrays.asList(ByteBuffer.wrap(new byte[] {1}), null), List.of(0)),
      Bytes.concat(
          FrontendEncoder.describe((byte) 'S', "s"),
          FrontendEncoder.execute("p", 0),
          FrontendEncoder.sync()),
      FrontendEncoder.saslInitialResponse("SCRAM-SHA-256", "n,,n=,r=x".getBytes()),
      FrontendEncoder.passwordMessage("pw"),
      BackendEncoder.authenticationSasl(List.of("SCRAM-SHA-256")),
      BackendEncoder.authenticationMd5Password(new byte[4]),
      BackendEncoder.rowDescription(
          List.of(new BackendMessage.Field("a", 1, (short) 1, 23, (short) 4, -1, (short) 0))),
      BackendEncoder.dataRow(Arrays.asList("1".getBytes(), null, "abc".getBytes())),
      BackendEncoder.errorResponse("ERROR", "42501", "m", "d", "h"),
      Bytes.concat(
          BackendEncoder.commandComplete("SELECT 1"),
          BackendEncoder.readyForQuery(TransactionStatus.IDLE)),
      Bytes.typed('G', new byte[] {0, 0, 1, 0, 0}),
      Bytes.typed('A', new byte[] {0, 0, 0, 1, 'c', 0, 'p', 0}),
    };
  }
}
