package io.gatehouse.web.api.problem;

import io.gatehouse.control.application.ActionForbiddenException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An authenticated caller doing what they may not (approving their own request): 403. */
@Provider
public class ForbiddenMapper implements ExceptionMapper<ActionForbiddenException> {
  @Override
  public Response toResponse(ActionForbiddenException e) {
    return Problem.of(Response.Status.FORBIDDEN, e.getMessage()).toResponse();
  }
}
