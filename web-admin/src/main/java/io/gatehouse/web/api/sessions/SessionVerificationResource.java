package io.gatehouse.web.api.sessions;

import io.gatehouse.control.application.SessionVerification;
import io.gatehouse.control.application.VerificationView;
import io.gatehouse.web.api.Roles;
import io.gatehouse.web.api.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /sessions/{id}/verify}: kept apart from {@link SessionsResource} so the recording's
 * integrity check evolves on its own.
 */
@Path("/sessions/{id}/verify")
@Tag(name = "sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.REVIEWER})
public class SessionVerificationResource {

  @EJB SessionVerification verification;

  @GET
  @Operation(
      summary = "Verify a session's recording",
      description =
          "Recomputes the hash chain from the stored events and checks the seal. 'problems'"
              + " names each edited, deleted, reordered or inserted event by sequence number;"
              + " 'seal.problems' says why the seal does not hold (unsealed, unknown key, bad"
              + " signature, events cut off or rewritten after sealing). Always 200 when the"
              + " session exists: the answer is in 'valid'.")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = VerificationView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such session",
      content =
          @Content(
              mediaType = "application/problem+json",
              schema = @Schema(implementation = Problem.class)))
  public VerificationView verify(@PathParam("id") String id) {
    return verification.verify(id);
  }
}
