package io.gatehouse.control.application.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.control.domain.model.policy.PolicyRecord;
import io.gatehouse.control.domain.model.policy.PolicyRepository;
import io.gatehouse.control.infrastructure.crypto.CredentialCipher;
import io.gatehouse.control.infrastructure.crypto.KeyRing;
import io.gatehouse.policy.PolicyParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the control plane tells the data plane before the caller authenticates: one bit. */
class DefaultSessionAdmissionTest {

  static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  final DefaultSessionAdmission admission = new DefaultSessionAdmission();

  @BeforeEach
  void setUp() {
    CredentialCipher cipher =
        new CredentialCipher(KeyRing.of("k1", DefaultCredentialKeyServiceTest.randomKey(), ""));
    InMemoryConnections connections = new InMemoryConnections();
    connections.store(ReviewFixtures.connection("secure", "tls-only", cipher));
    connections.store(ReviewFixtures.connection("relaxed", "no-tls", cipher));
    connections.store(ReviewFixtures.connection("plain", null, cipher));
    connections.store(ReviewFixtures.connection("orphaned", "deleted-policy", cipher));
    admission.connections = connections;
    admission.policies =
        policies(
            Map.of(
                "tls-only", "{\"name\":\"tls-only\",\"requireTls\":true}",
                "no-tls", "{\"name\":\"no-tls\",\"requireTls\":false}"));
  }

  @Test
  void aConnectionWhosePolicyRequiresTlsSaysSo() {
    assertTrue(admission.requiresTls(Protocol.POSTGRES, "secure"), "requireTls: true");
  }

  @Test
  void otherConnectionsDoNot() {
    assertFalse(admission.requiresTls(Protocol.POSTGRES, "relaxed"), "requireTls: false");
    assertFalse(admission.requiresTls(Protocol.POSTGRES, "plain"), "no policy");
  }

  @Test
  void anUnknownConnectionIsIndistinguishableFromOneWithoutTls() {
    assertFalse(admission.requiresTls(Protocol.POSTGRES, "no-such"), "unknown: refused later");
    assertFalse(admission.requiresTls(Protocol.SSH, "secure"), "of another protocol: likewise");
  }

  @Test
  void aMissingPolicyRequiresTlsSoNoTokenCrossesInClear() {
    assertTrue(admission.requiresTls(Protocol.POSTGRES, "orphaned"), "fail closed");
  }

  private static PolicyRepository policies(Map<String, String> documents) {
    return new PolicyRepository() {
      @Override
      public Optional<PolicyRecord> find(String name) {
        return Optional.ofNullable(documents.get(name))
            .map(json -> new PolicyRecord(PolicyParser.parse(json, name), NOW));
      }

      @Override
      public List<PolicyRecord> findAll() {
        return documents.keySet().stream().map(this::find).map(Optional::orElseThrow).toList();
      }

      @Override
      public void store(PolicyRecord policy) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void remove(PolicyRecord policy) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
