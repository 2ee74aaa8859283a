package io.gatehouse.web.api.connections;

import io.gatehouse.control.application.ConnectionService;
import io.gatehouse.control.application.ConnectionView;
import io.gatehouse.web.api.JsonBodies;
import io.gatehouse.web.api.Roles;
import io.gatehouse.web.api.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/connections")
@Tag(name = "connections", description = "Registered targets and the credentials the gateway holds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ConnectionsResource {

  private static final String PROBLEM = "application/problem+json";

  @EJB ConnectionService connections;

  @Context UriInfo uri;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "List connections, by name")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = ConnectionResponse.class)))
  public List<ConnectionView> list() {
    return connections.list();
  }

  @GET
  @Path("{name}")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "Read a connection (never its secret)")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = ConnectionResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such connection",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public ConnectionView get(
      @Parameter(description = "connection name") @PathParam("name") String name) {
    return connections.get(name);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register a connection",
      description =
          "The credential's secret is encrypted at rest and never returned. The referenced policy"
              + " must exist. A bad request is rejected whole, naming every field at fault.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = ConnectionRequest.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = ConnectionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid request; errors[] names each field",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The name is taken",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response create(String body) {
    ConnectionView created =
        connections.create(ConnectionRequestReader.read(JsonBodies.parse(body)));
    return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build())
        .entity(created)
        .build();
  }

  @PUT
  @Path("{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace a connection",
      description =
          "Replaces every setting. The stored secret is kept unless the credential gives a new"
              + " one; a new secret raises credential.version.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = ConnectionRequest.class)))
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = ConnectionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid request; errors[] names each field",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such connection",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Changed concurrently",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public ConnectionView replace(@PathParam("name") String name, String body) {
    return connections.replace(name, ConnectionRequestReader.read(JsonBodies.parse(body)));
  }

  @DELETE
  @Path("{name}")
  @Operation(summary = "Delete a connection and its stored credential")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "404",
      description = "No such connection",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response delete(@PathParam("name") String name) {
    connections.delete(name);
    return Response.noContent().build();
  }
}
