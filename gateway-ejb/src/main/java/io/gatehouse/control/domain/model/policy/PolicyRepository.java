package io.gatehouse.control.domain.model.policy;

import java.util.List;
import java.util.Optional;

/** Where policies are kept. */
public interface PolicyRepository {

  Optional<PolicyRecord> find(String name);

  List<PolicyRecord> findAll();

  void store(PolicyRecord policy);

  void remove(PolicyRecord policy);
}
