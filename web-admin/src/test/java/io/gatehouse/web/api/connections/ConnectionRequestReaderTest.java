package io.gatehouse.web.api.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.control.application.ConnectionSpec;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.domain.model.connection.ConnectionType;
import io.gatehouse.control.domain.model.connection.SecretKind;
import io.gatehouse.control.domain.model.connection.TlsMode;
import io.gatehouse.web.api.JsonBodies;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionRequestReaderTest {

  static ConnectionSpec read(String json) {
    return ConnectionRequestReader.read(JsonBodies.parse(json));
  }

  static Set<String> errors(String json) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read(json));
    return e.violations().stream().map(Object::toString).collect(Collectors.toSet());
  }

  @Test
  void readsTheDocumentedExample() {
    ConnectionSpec spec =
        read(
            "{\"name\":\"orders-prod\",\"type\":\"postgres\",\"target\":{\"host\":\"127.0.0.1\","
                + "\"port\":5432,\"database\":\"orders\"},\"tls\":{\"mode\":\"verify-full\","
                + "\"caPem\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\"},"
                + "\"credential\":{\"username\":\"app\",\"password\":\"pw\"},"
                + "\"accessGroups\":[\"dba\"],\"policy\":\"orders-default\"}");

    assertEquals("orders-prod", spec.name(), "name");
    assertEquals(ConnectionType.POSTGRES, spec.settings().type(), "type");
    assertEquals(5432, spec.settings().target().port(), "port");
    assertEquals(TlsMode.VERIFY_FULL, spec.settings().tls().mode(), "tls");
    assertEquals(SecretKind.PASSWORD, spec.credential().kind(), "secret kind");
    assertEquals(Set.of("dba"), spec.settings().accessGroups(), "groups");
    assertEquals("orders-default", spec.settings().policyName(), "policy");
    assertFalse(spec.credential().toString().contains("pw,"), "secret not in toString");
  }

  @Test
  void defaultsPortsAndTls() {
    ConnectionSpec spec =
        read(
            "{\"name\":\"web\",\"type\":\"ssh\",\"target\":{\"host\":\"h\"},"
                + "\"credential\":{\"username\":\"u\",\"privateKey\":\"k\"}}");

    assertEquals(22, spec.settings().target().port(), "ssh default port");
    assertEquals(TlsMode.VERIFY_FULL, spec.settings().tls().mode(), "tls default");
    assertNull(spec.settings().policyName(), "no policy");
  }

  @Test
  void credentialWithoutSecretIsReadForReplace() {
    ConnectionSpec spec =
        read(
            "{\"name\":\"k\",\"type\":\"kubernetes\",\"target\":{\"url\":\"https://k8s:6443\"},"
                + "\"credential\":{}}");

    assertFalse(spec.credential().hasSecret(), "no secret given");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\":\"a\",\"type\":\"http\",\"target\":{\"url\":\"ftp://x\"},\"credential\":{}}"
            + "|/target/url: target url must be an absolute http(s) URL with a host",
        "{\"name\":\"a\",\"type\":\"http\",\"target\":{\"url\":\"https://x\",\"port\":1},"
            + "\"credential\":{}}|/target/port: is not used by a http connection",
        "{\"name\":\"a\",\"type\":\"postgres\",\"target\":{\"host\":\"h\",\"database\":\"d\"},"
            + "\"tls\":{\"mode\":\"disable\",\"serverName\":\"x\"},\"credential\":{}}"
            + "|/tls/serverName: needs TLS; mode is disable",
        "{\"name\":\"a\",\"type\":\"postgres\",\"target\":{\"host\":\"h\",\"database\":\"d\"},"
            + "\"credential\":{\"password\":\"p\"}}"
            + "|/credential/username: is required with a password or private key",
        "{\"name\":\"a\",\"type\":\"http\",\"target\":{\"url\":\"https://x\"},"
            + "\"credential\":{\"clientKey\":\"k\"}}"
            + "|/credential/clientCertificate: clientCertificate and clientKey go together",
        "{\"name\":\"a\",\"type\":\"postgres\",\"target\":{\"host\":\"h\",\"port\":\"5432\","
            + "\"database\":\"d\"},\"credential\":{}}|/target/port: must be an integer 1-65535",
        "[]|/: must be an object",
      })
  void reportsTheFieldAtFault(String json, String expected) {
    Set<String> errors = errors(json);

    assertTrue(errors.contains(expected), "expected '" + expected + "' in " + errors);
  }

  @Test
  void reportsEverythingAtOnceAndNeverTheSecret() {
    Set<String> errors =
        errors(
            "{\"type\":\"sqlserver\",\"target\":{\"host\":1},\"credential\":"
                + "{\"password\":7,\"token\":\"TOPSECRET\",\"username\":\"u\"},\"extra\":true}");

    assertTrue(errors.contains("/name: is required"), "name: " + errors);
    assertTrue(
        errors.stream().anyMatch(e -> e.startsWith("/type: unknown value 'sqlserver'")),
        "type: " + errors);
    assertTrue(errors.contains("/target/host: must be a string"), "host: " + errors);
    assertTrue(errors.contains("/credential/password: must be a string"), "password: " + errors);
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("/extra: unknown field")), "extra");
    assertFalse(errors.toString().contains("TOPSECRET"), "secret not echoed: " + errors);
  }
}
