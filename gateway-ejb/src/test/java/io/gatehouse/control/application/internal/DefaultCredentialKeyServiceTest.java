package io.gatehouse.control.application.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.control.application.CredentialKeyService.RekeyResult;
import io.gatehouse.control.domain.model.connection.Connection;
import io.gatehouse.control.domain.model.connection.ConnectionSettings;
import io.gatehouse.control.domain.model.connection.ConnectionType;
import io.gatehouse.control.domain.model.connection.Credential;
import io.gatehouse.control.domain.model.connection.SecretKind;
import io.gatehouse.control.domain.model.connection.Target;
import io.gatehouse.control.domain.model.connection.TlsSettings;
import io.gatehouse.control.infrastructure.crypto.CredentialCipher;
import io.gatehouse.control.infrastructure.crypto.CredentialKeys;
import io.gatehouse.control.infrastructure.crypto.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultCredentialKeyServiceTest {

  static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  static Connection connection(String name, CredentialCipher cipher) {
    byte[] secret = ("pw-of-" + name).getBytes(StandardCharsets.UTF_8);
    return new Connection(
        name,
        new ConnectionSettings(
            ConnectionType.SSH,
            Target.ssh("h", 22),
            TlsSettings.verifyFull(),
            null,
            Set.of(),
            null),
        new Credential(
            "u", SecretKind.PASSWORD, cipher.seal(secret, name, SecretKind.PASSWORD), null),
        Instant.now());
  }

  static DefaultCredentialKeyService service(InMemoryConnections repo, CredentialCipher cipher) {
    DefaultCredentialKeyService service = new DefaultCredentialKeyService();
    service.connections = repo;
    service.keys =
        new CredentialKeys() {
          @Override
          public CredentialCipher cipher() {
            return cipher;
          }
        };
    return service;
  }

  @Test
  void rotationResealsOldCredentialsAndKeepsTheirVersion() {
    String k1 = randomKey();
    CredentialCipher before = new CredentialCipher(KeyRing.of("k1", k1, ""));
    InMemoryConnections repo = new InMemoryConnections();
    repo.store(connection("a", before));
    repo.store(connection("b", before));
    CredentialCipher after = new CredentialCipher(KeyRing.of("k2", randomKey(), "k1:" + k1));

    RekeyResult result = service(repo, after).resealAll();

    assertEquals(new RekeyResult("k2", 2, 0), result, "both resealed");
    for (Connection c : repo.all) {
      assertEquals("k2", c.credential().secret().keyId(), c.name() + " under the new key");
      assertEquals(1, c.credential().version(), c.name() + " keeps its version");
      assertArrayEquals(
          ("pw-of-" + c.name()).getBytes(StandardCharsets.UTF_8),
          after.open(c.credential().secret(), c.name(), SecretKind.PASSWORD),
          c.name() + " still opens to the same secret");
    }
    assertEquals(new RekeyResult("k2", 0, 0), service(repo, after).resealAll(), "idempotent");
  }

  @Test
  void credentialsNoKeyOpensAreCountedNotLost() {
    InMemoryConnections repo = new InMemoryConnections();
    repo.store(connection("a", new CredentialCipher(KeyRing.of("k0", randomKey(), ""))));

    RekeyResult result =
        service(repo, new CredentialCipher(KeyRing.of("k2", randomKey(), ""))).resealAll();

    assertEquals(new RekeyResult("k2", 0, 1), result, "one failure reported");
    assertEquals("k0", repo.all.get(0).credential().secret().keyId(), "left as it was");
  }
}
