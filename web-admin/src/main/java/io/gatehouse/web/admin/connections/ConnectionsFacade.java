package io.gatehouse.web.admin.connections;

import io.gatehouse.control.application.ConnectionService;
import io.gatehouse.control.application.ConnectionSpec;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.PolicyService;
import io.gatehouse.control.application.PolicyView;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.web.admin.FieldErrors;
import io.gatehouse.web.admin.RoleCheck;
import io.gatehouse.web.admin.SaveOutcome;
import io.gatehouse.web.api.connections.ConnectionRequestReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** The Connections pages' way into the control plane. Secrets go in, never come out. */
@ApplicationScoped
public class ConnectionsFacade {

  @EJB ConnectionService connections;
  @EJB PolicyService policies;
  @Inject RoleCheck roles;

  public List<ConnectionRow> list() {
    return connections.list().stream().map(ConnectionRow::of).toList();
  }

  /** Who may open what: each access group with its connections. */
  public List<AccessGroupRow> accessGroups() {
    return AccessGroupRow.of(connections.list());
  }

  /** The stored connection as a form to edit (its secret left empty). */
  public Optional<ConnectionForm> form(String name) {
    try {
      return Optional.of(ConnectionForm.of(connections.get(name)));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Policy names for the form's policy choice. */
  public List<String> policyNames() {
    return policies.list().stream().map(PolicyView::name).toList();
  }

  /**
   * Creates the connection ({@code existingName} null) or replaces it. Every problem comes back by
   * JSON pointer, as the API reports it; the typed secret is dropped either way.
   */
  public SaveOutcome save(ConnectionForm form, String existingName) {
    roles.requireAdmin();
    try {
      ConnectionSpec spec = ConnectionRequestReader.read(ConnectionRequests.toJson(form));
      if (existingName == null) {
        return SaveOutcome.stored(connections.create(spec).name());
      }
      if (!existingName.equals(spec.name())) {
        return SaveOutcome.refused("/name", "a connection cannot be renamed");
      }
      return SaveOutcome.stored(connections.replace(existingName, spec).name());
    } catch (InvalidRequestException e) {
      return SaveOutcome.refused(FieldErrors.of(e.violations()));
    } catch (ResourceConflictException e) {
      return SaveOutcome.refused("/name", e.getMessage());
    } catch (ResourceNotFoundException e) {
      return SaveOutcome.refused("", e.getMessage());
    } finally {
      form.forgetSecret();
    }
  }

  /**
   * Deletes the connection and its stored credential, as {@code DELETE /api/v1/connections/{name}}.
   * Empty when deleted, otherwise the service's reason.
   */
  public Optional<String> delete(String name) {
    roles.requireAdmin();
    try {
      connections.delete(name);
      return Optional.empty();
    } catch (ResourceConflictException | ResourceNotFoundException e) {
      return Optional.of(e.getMessage());
    }
  }
}
