package io.gatehouse.control.domain.model.grant;

import java.util.List;
import java.util.Optional;

/** Where grants are kept. */
public interface GrantRepository {

  Optional<Grant> find(String id);

  List<Grant> findActiveFor(String identity, String connection);

  List<Grant> findByStatus(GrantStatus status);

  /** Newest first. */
  List<Grant> findAll();

  /** One identity's grants, newest first. */
  List<Grant> findByIdentity(String identity);

  void store(Grant grant);
}
