package io.gatehouse.web.api.connections.exec;

import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.web.api.grants.Callers;
import io.gatehouse.web.api.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Runs one SQL statement for an agent on a PostgreSQL connection, through the same data path a psql
 * client takes (access, policy, masking, recording): the token of the request is the password, and
 * the gateway connects to its own listener on loopback.
 */
@Path("/connections/{name}/exec")
@Tag(name = "exec", description = "Run a statement through the gateway, for agents")
@PermitAll
public class ExecResource {

  private static final Logger LOG = Logger.getLogger(ExecResource.class.getName());
  private static final String PROBLEM = "application/problem+json";
  private static final Set<String> FIELDS = Set.of("input", "reason");

  @Inject GatewayStatementClient client;
  @Inject JsonWebToken jwt;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Run a SQL statement on a PostgreSQL connection",
      description =
          "200 with the (masked) rows; 202 with the review id when a review rule holds it"
              + " (approve it, then send the same statement again within the approval window);"
              + " 403 when access or the policy refuses it.")
  @RequestBody(
      content =
          @Content(
              example =
                  "{\"input\":\"SELECT id, email FROM customers LIMIT 5\",\"reason\":\"INC-42\"}"))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = ExecOutcome.Completed.class)))
  @APIResponse(
      responseCode = "202",
      description = "Held for review",
      content = @Content(schema = @Schema(implementation = ExecOutcome.Held.class)))
  @APIResponse(
      responseCode = "403",
      description = "No access, or blocked by a rule (named in the detail)",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "503",
      description = "The data path is unavailable (circuit open, too many concurrent calls)",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response exec(@PathParam("name") String connection, String body) {
    String caller = Callers.of(jwt).name();
    JsonObject json = Callers.object(body);
    for (String field : json.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new InvalidRequestException("Unknown field " + field, "/" + field, "unknown field");
      }
    }
    String input = Callers.string(json, "input");
    if (input.isBlank()) {
      throw new InvalidRequestException("Missing input", "/input", "is required");
    }
    LOG.info(() -> "exec by " + caller + " on " + connection);
    ExecOutcome outcome;
    try {
      outcome = client.run(connection, jwt.getRawToken(), input);
    } catch (IOException | FaultToleranceException e) {
      return Problem.of(
              Response.Status.SERVICE_UNAVAILABLE,
              "The gateway's data path is unavailable: " + e.getMessage())
          .toResponse();
    }
    if (outcome instanceof ExecOutcome.Held held) {
      return Response.accepted(held).type(MediaType.APPLICATION_JSON).build();
    }
    if (outcome instanceof ExecOutcome.Refused refused) {
      return refusal(refused);
    }
    return Response.ok(outcome).type(MediaType.APPLICATION_JSON).build();
  }

  private static Response refusal(ExecOutcome.Refused refused) {
    String detail = refused.message() + (refused.hint() == null ? "" : " (" + refused.hint() + ")");
    String state = refused.sqlState() == null ? "" : refused.sqlState();
    Response.Status status =
        state.equals("42501") || state.startsWith("28")
            ? Response.Status.FORBIDDEN
            : state.equals("3D000") ? Response.Status.NOT_FOUND : Response.Status.BAD_REQUEST;
    return Problem.of(
            status, detail, List.of(new Problem.FieldError("/input", "SQLSTATE " + state)))
        .toResponse();
  }
}
