package io.gatehouse.web.api.sessions;

import io.gatehouse.control.application.SessionEventView;
import io.gatehouse.control.application.SessionService;
import io.gatehouse.control.application.SessionView;
import io.gatehouse.web.api.Roles;
import io.gatehouse.web.api.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sessions")
@Tag(name = "sessions", description = "Recorded gateway sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.REVIEWER})
public class SessionsResource {

  private static final String PROBLEM = "application/problem+json";
  static final String ASCIICAST = "application/x-asciicast";
  static final int MAX_LIMIT = 1000;

  @EJB SessionService sessions;

  @GET
  @Operation(summary = "List sessions, newest first")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = SessionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "Unknown status or bad paging",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public List<SessionView> list(
      @Parameter(description = "only this identity") @QueryParam("identity") String identity,
      @Parameter(description = "only this connection") @QueryParam("connection") String connection,
      @Parameter(
              description = "only this status",
              schema = @Schema(enumeration = {"active", "closed", "terminated", "failed"}))
          @QueryParam("status")
          String status,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Paging.check(offset, limit, MAX_LIMIT);
    return sessions.list(identity, connection, status, offset, limit);
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Read a session")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = SessionResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such session",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public SessionView get(@PathParam("id") String id) {
    return sessions.get(id);
  }

  @GET
  @Path("{id}/events")
  @Operation(summary = "A session's recorded events, in order")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = SessionEventResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such session",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public List<SessionEventView> events(
      @PathParam("id") String id,
      @Parameter(description = "only events after this sequence number")
          @QueryParam("after")
          @DefaultValue("0")
          long after,
      @QueryParam("limit") @DefaultValue("1000") int limit) {
    Paging.check(0, limit, MAX_LIMIT);
    return sessions.events(id, after, limit);
  }

  @GET
  @Path("{id}/replay")
  @Produces({ASCIICAST, PROBLEM})
  @Operation(
      summary = "A terminal session's recording as asciicast v2",
      description =
          "For SSH sessions: a header line, then one [time, \"o\", data] line per piece of"
              + " output, masked as the client saw it. Play it with `asciinema play`.")
  @APIResponse(
      responseCode = "200",
      content = @Content(mediaType = ASCIICAST, schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "404",
      description = "No such session",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The session has no terminal output to replay (a SQL session, say)",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response replay(@PathParam("id") String id) {
    SessionView session = sessions.get(id);
    return Replays.asciicast(sessions, session)
        .map(cast -> Response.ok(cast, ASCIICAST).build())
        .orElseGet(
            () ->
                Problem.of(
                        Response.Status.CONFLICT,
                        "session "
                            + id
                            + " ("
                            + session.protocol()
                            + ") has no terminal output to replay; read its events instead")
                    .toResponse());
  }
}
