package io.gatehouse.web.api.grants;

import io.gatehouse.control.application.GrantService;
import io.gatehouse.control.application.GrantView;
import io.gatehouse.web.api.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Just-in-time grants. Any authenticated identity requests one for itself; who approves is the
 * connection's policy's {@code review.approverGroups}, which can be any group, so the resource is
 * open to every valid token and the service checks each decision.
 */
@Path("/grants")
@Tag(name = "grants", description = "Time-boxed access to a connection, approved by reviewers")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class GrantsResource {

  private static final String PROBLEM = "application/problem+json";
  private static final Set<String> REQUEST_FIELDS =
      Set.of("connection", "durationSeconds", "reason");

  @EJB GrantService grants;
  @Inject JsonWebToken jwt;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Request a grant for yourself")
  @RequestBody(
      content =
          @Content(
              example =
                  "{\"connection\":\"orders-prod\",\"durationSeconds\":3600,"
                      + "\"reason\":\"INC-42: fix stuck orders\"}"))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = GrantView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Unknown connection, duration out of range, reason missing",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response request(String body, @Context UriInfo uri) {
    JsonObject json = Callers.object(body, REQUEST_FIELDS);
    long duration = Callers.wholeNumber(json, "durationSeconds", true);
    GrantView grant =
        grants.request(
            Callers.of(jwt),
            Callers.string(json, "connection"),
            duration,
            Callers.string(json, "reason"));
    return Response.created(uri.getAbsolutePathBuilder().path(grant.id()).build())
        .entity(grant)
        .build();
  }

  @GET
  @Operation(summary = "Your grants; everyone's for admins, reviewers and auditors")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GrantView.class)))
  public List<GrantView> list() {
    return grants.list(Callers.of(jwt));
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Read a grant")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = GrantView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such grant (or not yours)",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public GrantView get(@PathParam("id") String id) {
    return grants.get(Callers.of(jwt), id);
  }

  @POST
  @Path("{id}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Approve a pending grant",
      description =
          "By a member of the connection's approver groups, never the requester. The last"
              + " approval needed starts the grant; it ends by itself after its duration.")
  @RequestBody(content = @Content(example = "{\"reason\":\"checked with the on-call lead\"}"))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = GrantView.class)))
  @APIResponse(
      responseCode = "403",
      description = "Own request, or not an approver",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Not pending, already approved by you, or changed concurrently",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public GrantView approve(@PathParam("id") String id, String body) {
    return grants.approve(Callers.of(jwt), id, Callers.reason(body));
  }

  @POST
  @Path("{id}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Reject a pending grant (or withdraw your own request)")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = GrantView.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not an approver",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Not pending",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public GrantView reject(@PathParam("id") String id, String body) {
    return grants.reject(Callers.of(jwt), id, Callers.reason(body));
  }

  @POST
  @Path("{id}/revoke")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "End an active grant now",
      description = "Its live sessions are terminated; the clients see a FATAL naming the reason.")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = GrantView.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not an admin, an approver, or the grant's holder",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Not active",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public GrantView revoke(@PathParam("id") String id, String body) {
    return grants.revoke(Callers.of(jwt), id, Callers.reason(body));
  }
}
