package io.gatehouse.web.admin.policies;

import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.PolicyService;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.web.admin.FieldErrors;
import io.gatehouse.web.admin.RoleCheck;
import io.gatehouse.web.admin.SaveOutcome;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** The Policies pages' way into the control plane. */
@ApplicationScoped
public class PoliciesFacade {

  /** What a new policy starts from: valid as it stands, one rule to show the shape. */
  static final String TEMPLATE =
      """
      {
        "name": "%s",
        "description": "",
        "recording": "strict",
        "rules": [
          {
            "id": "no-drop",
            "action": "block",
            "when": { "sql": { "kinds": ["DROP", "TRUNCATE"] } },
            "message": "DROP and TRUNCATE are not allowed here"
          }
        ]
      }
      """;

  @EJB PolicyService policies;
  @Inject RoleCheck roles;

  public List<PolicyRow> list() {
    return policies.list().stream().map(PolicyRow::of).toList();
  }

  /** The stored document in canonical form. */
  public Optional<String> document(String name) {
    try {
      return Optional.of(policies.get(name).document());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  public String template(String name) {
    return TEMPLATE.formatted(name == null ? "" : name);
  }

  /** Stores the document under {@code name}; every problem comes back by JSON pointer. */
  public SaveOutcome save(String name, String document) {
    roles.requireAdmin();
    if (name == null || name.isBlank()) {
      return SaveOutcome.refused("/name", "is required");
    }
    try {
      return SaveOutcome.stored(policies.put(name.strip(), document).policy().name());
    } catch (InvalidRequestException e) {
      return SaveOutcome.refused(FieldErrors.of(e.violations()));
    }
  }

  /**
   * Deletes the policy, as {@code DELETE /api/v1/policies/{name}}: refused while a connection still
   * refers to it. Empty when deleted, otherwise the service's reason.
   */
  public Optional<String> delete(String name) {
    roles.requireAdmin();
    try {
      policies.delete(name);
      return Optional.empty();
    } catch (ResourceConflictException | ResourceNotFoundException e) {
      return Optional.of(e.getMessage());
    }
  }
}
