package io.gatehouse.web.api.connections.exec;

import io.gatehouse.control.application.ConnectionService;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.web.api.grants.Callers;
import io.gatehouse.web.api.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
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
 * Runs one SQL statement (PostgreSQL connections) or one command (SSH connections) for an agent,
 * through the same data path a psql or ssh client takes (access, policy, masking, recording): the
 * token of the request is the password, and the gateway connects to its own listener on loopback.
 * Each connection has its own bulkhead and circuit breaker ({@link ConnectionGuards}).
 */
@Path("/connections/{name}/exec")
@Tag(name = "exec", description = "Run a statement through the gateway, for agents")
@PermitAll
public class ExecResource {

  private static final Logger LOG = Logger.getLogger(ExecResource.class.getName());
  private static final String PROBLEM = "application/problem+json";
  private static final Set<String> FIELDS = Set.of("input", "reason");

  @Inject GatewayStatementClient client;
  @Inject GatewayCommandClient commands;
  @Inject ConnectionGuards guards;
  @EJB ConnectionService connections;
  @Inject JsonWebToken jwt;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Run a SQL statement (PostgreSQL) or a command (SSH) on a connection",
      description =
          "200 with the (masked) rows, or the command's (masked) stdout, stderr and exit status;"
              + " 202 with the review id when a review rule holds it (approve it, then send the"
              + " same input again within the approval window); 403 when access or the policy"
              + " refuses it; 409 for a connection of another type; 503 with Retry-After while"
              + " the connection's bulkhead is full or its target is down; 504 when a command"
              + " runs too long.")
  @RequestBody(
      content =
          @Content(
              example =
                  "{\"input\":\"SELECT id, email FROM customers LIMIT 5\",\"reason\":\"INC-42\"}"))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema =
                  @Schema(oneOf = {ExecOutcome.Completed.class, ExecOutcome.CommandRan.class})))
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
      description =
          "The target or the data path is unavailable (circuit open, too many concurrent calls on"
              + " this connection); Retry-After says when to try again",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The connection is neither a PostgreSQL nor an SSH connection",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "504",
      description = "The command did not finish in time and was ended",
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
    String type = connections.get(connection).type();
    boolean ssh = "ssh".equals(type);
    if (!ssh && !"postgres".equals(type)) {
      return Problem.of(
              Response.Status.CONFLICT,
              "connection \""
                  + connection
                  + "\" is a "
                  + type
                  + " connection; the exec API runs SQL on postgres connections and commands on"
                  + " ssh connections (use /proxy/"
                  + connection
                  + "/ for this one)")
          .toResponse();
    }
    LOG.info(() -> "exec by " + caller + " on " + connection);
    ExecOutcome outcome;
    try (ConnectionGuards.Lease lease = guards.enter(connection)) {
      outcome =
          ssh
              ? commands.run(connection, jwt.getRawToken(), input)
              : client.run(connection, jwt.getRawToken(), input);
      if (outcome instanceof ExecOutcome.TargetDown) {
        lease.unreachable();
      } else {
        lease.reached();
      }
    } catch (ConnectionGuards.Refused e) {
      return unavailable(e.getMessage(), e.retryAfterSeconds());
    } catch (IOException | FaultToleranceException e) {
      return unavailable("The gateway's data path is unavailable: " + e.getMessage(), 10);
    }
    if (outcome instanceof ExecOutcome.Held held) {
      return Response.accepted(held).type(MediaType.APPLICATION_JSON).build();
    }
    if (outcome instanceof ExecOutcome.Refused refused) {
      return refusal(refused);
    }
    if (outcome instanceof ExecOutcome.Denied denied) {
      return Problem.of(Response.Status.FORBIDDEN, denied.message()).toResponse();
    }
    if (outcome instanceof ExecOutcome.TargetDown down) {
      return unavailable("connection \"" + connection + "\": " + down.message(), 5);
    }
    if (outcome instanceof ExecOutcome.TimedOut late) {
      return Problem.of(Response.Status.GATEWAY_TIMEOUT, late.message()).toResponse();
    }
    return Response.ok(outcome).type(MediaType.APPLICATION_JSON).build();
  }

  private static Response unavailable(String detail, long retryAfterSeconds) {
    return Response.fromResponse(
            Problem.of(Response.Status.SERVICE_UNAVAILABLE, detail).toResponse())
        .header("Retry-After", retryAfterSeconds)
        .build();
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
