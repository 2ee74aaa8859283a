package io.gatehouse.ssh.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ForwardHostsTest {

  @ParameterizedTest
  @CsvSource({
    "db.internal, db.internal",
    "DB.Internal, db.internal",
    "localhost, localhost",
    "127.0.0.1, 127.0.0.1",
    "169.254.169.254, 169.254.169.254",
    "0.0.0.0, 0.0.0.0",
    "web-1, web-1",
    "_service.example, _service.example",
    "1.example.com, 1.example.com",
    "::1, ::1",
    "0:0:0:0:0:0:0:1, ::1",
    "2001:DB8:0:0:0:0:2:1, 2001:db8::2:1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "fe80:0000:0000:0000:0204:61ff:fe9d:f156, fe80::204:61ff:fe9d:f156",
  })
  void canonicalSpellings(String host, String canonical) {
    assertEquals(canonical, ForwardHosts.canonical(host));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "127.1",
        "0",
        "2852039166",
        "0xa9.0xfe.0xa9.0xfe",
        "0xa9fea9fe",
        "0177.0.0.1",
        "127.000.000.001",
        "256.0.0.1",
        "1.2.3.4.5",
        "localhost.",
        ".localhost",
        "a..b",
        "-a.example",
        "a b",
        "host/path",
        "::ffff:127.0.0.1",
        "::ffff:7f00:1",
        "::127.0.0.1",
        "[::1]",
        "fe80::1%eth0",
        "not:an:address:at:all:zz",
      })
  void spellingsAResolverWouldReadOtherwiseAreRefused(String host) {
    assertThrows(IllegalArgumentException.class, () -> ForwardHosts.canonical(host));
  }

  @org.junit.jupiter.api.Test
  void longHostsAreRefusedAtOnce() {
    assertThrows(IllegalArgumentException.class, () -> ForwardHosts.canonical("a".repeat(240_000)));
    assertEquals("", ForwardHosts.canonicalListen(""));
  }
}
