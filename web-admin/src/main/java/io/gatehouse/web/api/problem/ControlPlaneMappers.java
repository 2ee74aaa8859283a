package io.gatehouse.web.api.problem;

import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.domain.model.session.UnreadableEventsException;
import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The control plane's exceptions as problem details: 400 with every field, 404, 409. */
public final class ControlPlaneMappers {

  private static final Logger LOG = Logger.getLogger(ControlPlaneMappers.class.getName());

  private ControlPlaneMappers() {}

  @Provider
  public static class InvalidRequestMapper implements ExceptionMapper<InvalidRequestException> {
    @Override
    public Response toResponse(InvalidRequestException e) {
      return Problem.of(
              Response.Status.BAD_REQUEST,
              e.getMessage(),
              e.violations().stream()
                  .map(v -> new Problem.FieldError(v.pointer(), v.message()))
                  .toList())
          .toResponse();
    }
  }

  @Provider
  public static class NotFoundMapper implements ExceptionMapper<ResourceNotFoundException> {
    @Override
    public Response toResponse(ResourceNotFoundException e) {
      return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }
  }

  @Provider
  public static class ConflictMapper implements ExceptionMapper<ResourceConflictException> {
    @Override
    public Response toResponse(ResourceConflictException e) {
      return Problem.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
    }
  }

  /**
   * A transaction that failed at commit: a concurrent change (optimistic lock) or a unique key
   * taken meanwhile is a conflict; anything else a server error.
   */
  @Provider
  public static class TransactionMapper implements ExceptionMapper<EJBException> {
    @Override
    public Response toResponse(EJBException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof UnreadableEventsException unreadable) {
          LOG.log(Level.SEVERE, unreadable.getMessage());
          return Problem.of(
                  Response.Status.INTERNAL_SERVER_ERROR,
                  unreadable.getMessage()
                      + "; GET /api/v1/sessions/"
                      + unreadable.sessionId()
                      + "/verify reports what else was altered")
              .toResponse();
        }
        if (t instanceof OptimisticLockException
            || t instanceof java.sql.SQLIntegrityConstraintViolationException
            || (t instanceof PersistenceException && isConstraint(t.getCause()))) {
          return Problem.of(
                  Response.Status.CONFLICT,
                  "The resource was changed by another request at the same time; read it and"
                      + " try again")
              .toResponse();
        }
      }
      LOG.log(Level.SEVERE, "Unexpected error in the control plane", e);
      return Problem.of(
              Response.Status.INTERNAL_SERVER_ERROR,
              "Unexpected server error; the server log has the details")
          .toResponse();
    }

    private static boolean isConstraint(Throwable t) {
      return t instanceof java.sql.SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23");
    }
  }
}
