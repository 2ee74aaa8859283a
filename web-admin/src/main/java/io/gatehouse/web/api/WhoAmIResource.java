package io.gatehouse.web.api;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who the caller's token says they are: the quickest check that a token works. */
@Path("/whoami")
public class WhoAmIResource {

  /** The caller as the gateway sees them. */
  public record Caller(@Schema String name, @Schema Set<String> groups, @Schema String issuer) {}

  @Inject JsonWebToken jwt;

  @GET
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The identity and groups of the caller's access token")
  public Response whoami() {
    if (jwt == null || jwt.getName() == null) {
      return Response.status(Response.Status.UNAUTHORIZED)
          .header("WWW-Authenticate", "Bearer")
          .type(io.gatehouse.web.api.problem.Problem.MEDIA_TYPE)
          .entity(
              io.gatehouse.web.api.problem.Problem.of(
                  Response.Status.UNAUTHORIZED, "A valid Bearer access token is required"))
          .build();
    }
    return Response.ok(new Caller(jwt.getName(), new TreeSet<>(jwt.getGroups()), jwt.getIssuer()))
        .build();
  }
}
