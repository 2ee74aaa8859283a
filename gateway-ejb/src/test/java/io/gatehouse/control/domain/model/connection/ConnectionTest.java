package io.gatehouse.control.domain.model.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final SealedSecret SEALED = new SealedSecret("k1", new byte[12], new byte[] {1, 2, 3});

  static ConnectionSettings postgres(String policy) {
    return new ConnectionSettings(
        ConnectionType.POSTGRES,
        Target.postgres("127.0.0.1", 5432, "orders"),
        TlsSettings.verifyFull(),
        null,
        Set.of("dba"),
        policy);
  }

  static Credential password() {
    return new Credential("app", SecretKind.PASSWORD, SEALED, null);
  }

  @Test
  void createsAndReconfigures() {
    Connection c = new Connection("orders-prod", postgres("p1"), password(), NOW);

    assertEquals("orders-prod", c.name(), "name");
    assertTrue(c.grantsAccessTo(List.of("x", "dba")), "dba may connect");
    assertFalse(c.grantsAccessTo(List.of("dev")), "dev may not");
    c.reconfigure(postgres(null), NOW.plusSeconds(5));
    assertEquals(null, c.policyName(), "policy cleared");
    assertEquals(NOW.plusSeconds(5), c.updatedAt(), "updated");
    assertEquals(NOW, c.createdAt(), "created kept");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Orders", "-x", "a/b", "a b"})
  void refusesBadNames(String name) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Connection(name, postgres(null), password(), NOW),
        "name '" + name + "'");
  }

  @Test
  void targetMustSuitTheType() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ConnectionSettings(
                ConnectionType.HTTP,
                Target.ssh("h", 22),
                TlsSettings.verifyFull(),
                null,
                Set.of(),
                null),
        "an HTTP connection needs a URL");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ConnectionSettings(
                ConnectionType.POSTGRES,
                Target.postgres("h", 5432, "d"),
                TlsSettings.verifyFull(),
                "ssh-ed25519 AAAA",
                Set.of(),
                null),
        "only SSH pins a host key");
  }

  @Test
  void targetRangeChecks() {
    assertThrows(IllegalArgumentException.class, () -> Target.postgres("h", 0, "d"), "port 0");
    assertThrows(IllegalArgumentException.class, () -> Target.ssh("h", 65536), "port 65536");
    assertThrows(IllegalArgumentException.class, () -> Target.postgres("", 5432, "d"), "host");
    assertThrows(IllegalArgumentException.class, () -> Target.url("ftp://x/"), "scheme");
    assertEquals("https://k8s:6443", Target.url("https://k8s:6443").url(), "url kept");
  }

  @Test
  void tlsChecks() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TlsSettings(TlsMode.VERIFY_FULL, "not a pem", null),
        "caPem must be PEM");
    assertThrows(
        IllegalArgumentException.class,
        () -> new TlsSettings(TlsMode.DISABLE, null, "db.internal"),
        "server name needs TLS");
  }

  @Test
  void credentialVersionCountsSecretChangesNotReseals() {
    Credential credential = password();
    credential.reseal(new SealedSecret("k2", new byte[12], new byte[] {4}));
    assertEquals(1, credential.version(), "reseal keeps the version");
    credential.replaceSecret(SecretKind.PASSWORD, SEALED, null);
    assertEquals(2, credential.version(), "a new secret is a new version");
  }

  @Test
  void credentialRefusesInconsistentKinds() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Credential(null, SecretKind.PASSWORD, SEALED, null),
        "a password needs a username");
    assertThrows(
        IllegalArgumentException.class,
        () -> new Credential("u", SecretKind.CLIENT_CERTIFICATE, SEALED, null),
        "a client key needs its certificate");
    assertThrows(
        IllegalArgumentException.class,
        () -> new Credential("u", SecretKind.PASSWORD, SEALED, "-----BEGIN CERTIFICATE-----"),
        "a certificate goes with a client key only");
  }

  @Test
  void credentialToStringHasNoSecret() {
    String text = password().toString();

    assertTrue(text.contains("app"), "username shown");
    assertFalse(text.contains("SealedSecret"), "secret not shown: " + text);
  }
}
