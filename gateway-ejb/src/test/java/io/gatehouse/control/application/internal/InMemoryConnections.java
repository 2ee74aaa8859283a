package io.gatehouse.control.application.internal;

import io.gatehouse.control.domain.model.connection.Connection;
import io.gatehouse.control.domain.model.connection.ConnectionRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A connection repository in a list, for tests of the application services. */
final class InMemoryConnections implements ConnectionRepository {

  final List<Connection> all = new ArrayList<>();

  @Override
  public Optional<Connection> find(String name) {
    return all.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  @Override
  public List<Connection> findAll() {
    return List.copyOf(all);
  }

  @Override
  public long countUsingPolicy(String policyName) {
    return all.stream().filter(c -> Objects.equals(c.policyName(), policyName)).count();
  }

  @Override
  public List<Connection> findSealedWithOtherKey(String keyId) {
    return all.stream().filter(c -> !c.credential().secret().keyId().equals(keyId)).toList();
  }

  @Override
  public void store(Connection connection) {
    if (!all.contains(connection)) {
      all.add(connection);
    }
  }

  @Override
  public void remove(Connection connection) {
    all.remove(connection);
  }
}
