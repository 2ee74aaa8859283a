package io.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeaderHygieneTest {

  private final HeaderHygiene hygiene = new HeaderHygiene(20, 1024);

  private static HeaderList headers(String... nameValues) {
    HeaderList h = new HeaderList();
    for (int i = 0; i < nameValues.length; i += 2) {
      h.add(nameValues[i], nameValues[i + 1]);
    }
    return h;
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(headers("Content-Length", "5", "Transfer-Encoding", "chunked"), 400),
        Arguments.of(headers("Content-Length", "5", "Content-Length", "6"), 400),
        Arguments.of(headers("Content-Length", "5, 6"), 400),
        Arguments.of(headers("Content-Length", "-1"), 400),
        Arguments.of(headers("Content-Length", "0x10"), 400),
        Arguments.of(headers("Transfer-Encoding", "gzip"), 400),
        Arguments.of(headers("Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"), 400),
        Arguments.of(headers("Transfer-Encoding", "xchunked"), 400),
        Arguments.of(headers("X-Folded", "a\r\n b"), 400),
        Arguments.of(headers("X-Nul", "a\u0000b"), 400),
        Arguments.of(headers("Bad Name", "x"), 400),
        Arguments.of(headers("X-Big", "x".repeat(2000)), 431),
        Arguments.of(manyHeaders(21), 431),
        Arguments.of(headers("Impersonate-User", "system:admin"), 403),
        Arguments.of(headers("impersonate-group", "system:masters"), 403),
        Arguments.of(headers("Impersonate-Extra-scopes", "x"), 403));
  }

  private static HeaderList manyHeaders(int n) {
    HeaderList h = new HeaderList();
    for (int i = 0; i < n; i++) {
      h.add("X-H" + i, "v");
    }
    return h;
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusesSmugglingOversizeAndImpersonation(HeaderList headers, int status) {
    HttpRejection e =
        assertThrows(HttpRejection.class, () -> hygiene.validateRequest(headers), "" + headers);
    assertEquals(status, e.status(), "status for " + headers + ": " + e.getMessage());
  }

  @Test
  void acceptsOrdinaryRequests() {
    assertDoesNotThrow(
        () ->
            hygiene.validateRequest(
                headers(
                    "Content-Length", "5",
                    "Content-Length", "5",
                    "Accept", "application/json",
                    "User-Agent", "kubectl/v1.32.4",
                    "X-Tab", "a\tb")));
    assertDoesNotThrow(() -> hygiene.validateRequest(headers("Transfer-Encoding", "Chunked")));
  }

  @Test
  void upstreamLosesCallerCredentialsAndHopByHopAndGainsForwarding() {
    HeaderList caller =
        headers(
            "Authorization", "Bearer caller-token",
            "Cookie", "session=1",
            "Proxy-Authorization", "Basic x",
            "Connection", "keep-alive, X-Secret-Hop",
            "X-Secret-Hop", "1",
            "Keep-Alive", "timeout=5",
            "TE", "trailers",
            "Trailer", "X-T",
            "Transfer-Encoding", "chunked",
            "Upgrade", "websocket",
            "Host", "gateway:9443",
            "X-Forwarded-For", "6.6.6.6",
            "Forwarded", "for=6.6.6.6",
            "Accept-Encoding", "gzip",
            "Accept", "application/json",
            "User-Agent", "kubectl");
    HeaderList out =
        hygiene.toUpstream(
            caller,
            new HeaderHygiene.Forwarding("10.0.0.7", "https", "gateway:9443", "/proxy/kind-test"),
            false);
    for (String gone :
        List.of(
            "Authorization",
            "Cookie",
            "Proxy-Authorization",
            "Connection",
            "X-Secret-Hop",
            "Keep-Alive",
            "TE",
            "Trailer",
            "Transfer-Encoding",
            "Upgrade",
            "Host",
            "Forwarded",
            "Accept-Encoding")) {
      assertFalse(out.has(gone), gone + " must not reach the target: " + out);
    }
    assertEquals(List.of("10.0.0.7"), out.all("X-Forwarded-For"), "caller's XFF replaced");
    assertEquals("https", out.first("X-Forwarded-Proto").orElseThrow(), "proto");
    assertEquals("gateway:9443", out.first("X-Forwarded-Host").orElseThrow(), "host");
    assertEquals("/proxy/kind-test", out.first("X-Forwarded-Prefix").orElseThrow(), "prefix");
    assertEquals("application/json", out.first("Accept").orElseThrow(), "end-to-end kept");
    assertEquals("kubectl", out.first("User-Agent").orElseThrow(), "end-to-end kept");
  }

  @Test
  void upgradeSurvivesOnlyWhenAllowed() {
    HeaderList caller =
        headers("Connection", "Upgrade", "Upgrade", "websocket", "Sec-WebSocket-Key", "k");
    HeaderHygiene.Forwarding f = new HeaderHygiene.Forwarding("1.2.3.4", "http", null, "/p/c");
    HeaderList out = hygiene.toUpstream(caller, f, true);
    assertEquals("websocket", out.first("Upgrade").orElseThrow(), "upgrade kept");
    assertTrue(out.hasToken("Connection", "upgrade"), "Connection: Upgrade kept");
    assertTrue(out.has("Sec-WebSocket-Key"), "end-to-end WebSocket header kept");
  }

  @Test
  void callerLosesTargetCookiesChallengesAndFraming() {
    HeaderList target =
        headers(
            "Set-Cookie", "JSESSIONID=target",
            "WWW-Authenticate", "Basic realm=target",
            "Content-Length", "10",
            "Transfer-Encoding", "chunked",
            "Connection", "close, X-Hop",
            "X-Hop", "1",
            "Content-Type", "application/json",
            "Audit-Id", "abc");
    HeaderList out = hygiene.toCaller(target, false);
    for (String gone :
        List.of(
            "Set-Cookie",
            "WWW-Authenticate",
            "Content-Length",
            "Transfer-Encoding",
            "Connection",
            "X-Hop")) {
      assertFalse(out.has(gone), gone + " must not reach the caller: " + out);
    }
    assertTrue(out.has("Content-Type") && out.has("Audit-Id"), "end-to-end kept: " + out);
  }

  @Test
  void headerListNeverPrintsValues() {
    assertFalse(
        headers("Authorization", "Bearer s3cr3t").toString().contains("s3cr3t"), "no values");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "websocket, true",
    "SPDY/3.1, true",
    "'h2c', false",
    "'h2c, websocket', true",
  })
  void tellsAProtocolSwitchFromAnH2cOffer(String upgrade, boolean expected) {
    assertEquals(
        expected, HeaderHygiene.requestsProtocolSwitch(headers("Upgrade", upgrade)), upgrade);
  }
}
