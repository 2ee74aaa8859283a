package io.gatehouse.web.api.sessions;

import io.gatehouse.control.application.SessionTermination;
import io.gatehouse.web.api.Roles;
import io.gatehouse.web.api.grants.Callers;
import io.gatehouse.web.api.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ends a live session: its client sees a FATAL naming who ended it and why. */
@Path("/sessions/{id}/terminate")
@Tag(name = "sessions")
@RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
public class SessionTerminationResource {

  private static final String PROBLEM = "application/problem+json";

  @EJB SessionTermination termination;
  @Inject JsonWebToken jwt;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Terminate a live session")
  @RequestBody(content = @Content(example = "{\"reason\":\"suspicious activity\"}"))
  @APIResponse(responseCode = "204", description = "Terminated")
  @APIResponse(
      responseCode = "404",
      description = "No such session",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Not running (on this server)",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response terminate(@PathParam("id") String id, String body) {
    termination.terminate(Callers.of(jwt), id, Callers.reason(body));
    return Response.noContent().build();
  }
}
