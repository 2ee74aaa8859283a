package io.gatehouse.control.application.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.application.TargetLogin;
import io.gatehouse.control.infrastructure.crypto.CredentialCipher;
import io.gatehouse.control.infrastructure.crypto.CredentialKeys;
import io.gatehouse.control.infrastructure.crypto.KeyRing;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DefaultTargetCredentialsTest {

  @Test
  void opensTheSecretAndWipesItOnClose() {
    CredentialCipher cipher =
        new CredentialCipher(KeyRing.of("k1", DefaultCredentialKeyServiceTest.randomKey(), ""));
    InMemoryConnections repo = new InMemoryConnections();
    repo.store(DefaultCredentialKeyServiceTest.connection("web", cipher));
    DefaultTargetCredentials credentials = new DefaultTargetCredentials();
    credentials.connections = repo;
    credentials.keys =
        new CredentialKeys() {
          @Override
          public CredentialCipher cipher() {
            return cipher;
          }
        };

    TargetLogin login = credentials.open("web");
    byte[] secret = login.secret();
    assertArrayEquals("pw-of-web".getBytes(StandardCharsets.UTF_8), secret, "opened");
    assertEquals("u", login.username(), "username");
    assertFalse(login.toString().contains("pw-of-web"), "never printed");
    login.close();
    assertArrayEquals(new byte[secret.length], secret, "wiped on close");
    assertThrows(ResourceNotFoundException.class, () -> credentials.open("nope"), "unknown");
  }
}
