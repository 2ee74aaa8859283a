package io.gatehouse.control.application;

import java.util.List;

/** Store, read and delete policies (docs/POLICY.md). */
public interface PolicyService {

  List<PolicyView> list();

  PolicyView get(String name);

  /** The outcome of a put: the stored policy and whether it was new. */
  record Stored(PolicyView policy, boolean created) {}

  /**
   * Creates or replaces the policy {@code name} with the document {@code json}.
   *
   * @throws InvalidRequestException listing every problem of the document by JSON pointer
   */
  Stored put(String name, String json);

  /**
   * @throws ResourceConflictException while a connection refers to the policy
   */
  void delete(String name);
}
