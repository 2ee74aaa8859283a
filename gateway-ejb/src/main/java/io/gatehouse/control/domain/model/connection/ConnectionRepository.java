package io.gatehouse.control.domain.model.connection;

import java.util.List;
import java.util.Optional;

/** Where connections are kept. */
public interface ConnectionRepository {

  Optional<Connection> find(String name);

  List<Connection> findAll();

  /** How many connections refer to the policy {@code policyName}. */
  long countUsingPolicy(String policyName);

  /** Connections whose credential is sealed under a key other than {@code keyId}. */
  List<Connection> findSealedWithOtherKey(String keyId);

  void store(Connection connection);

  void remove(Connection connection);
}
