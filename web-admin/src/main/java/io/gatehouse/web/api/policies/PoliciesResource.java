package io.gatehouse.web.api.policies;

import io.gatehouse.control.application.PolicyService;
import io.gatehouse.control.application.PolicyView;
import io.gatehouse.web.api.Roles;
import io.gatehouse.web.api.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/policies")
@Tag(name = "policies", description = "Guardrail, review and masking policies (docs/POLICY.md)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PoliciesResource {

  private static final String PROBLEM = "application/problem+json";

  @EJB PolicyService policies;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "List policies, by name")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PolicySummary.class)))
  public List<PolicySummary> list() {
    return policies.list().stream().map(PolicySummary::of).toList();
  }

  @GET
  @Path("{name}")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "Read a policy document",
      description = "The canonical form: defaults written out. The ETag is the stored version.")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = PolicyDocument.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such policy",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response get(@PathParam("name") String name) {
    return document(policies.get(name), Response.ok());
  }

  @PUT
  @Path("{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create or replace a policy",
      description =
          "The document is validated whole; every problem is listed by JSON pointer in errors[]"
              + " and nothing is stored unless all of it is valid. Its name must equal the name in"
              + " the URL.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = PolicyDocument.class)))
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = PolicyDocument.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = PolicyDocument.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid policy; errors[] by JSON pointer",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response put(@PathParam("name") String name, String body) {
    PolicyService.Stored stored = policies.put(name, body);
    return document(stored.policy(), stored.created() ? Response.status(201) : Response.ok());
  }

  @DELETE
  @Path("{name}")
  @Operation(summary = "Delete a policy that no connection refers to")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "404",
      description = "No such policy",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "A connection still refers to the policy",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response delete(@PathParam("name") String name) {
    policies.delete(name);
    return Response.noContent().build();
  }

  private static Response document(PolicyView view, Response.ResponseBuilder response) {
    try (JsonReader reader = Json.createReader(new StringReader(view.document()))) {
      JsonObject document = reader.readObject();
      return response
          .entity(document)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .tag(new EntityTag(Long.toString(view.version())))
          .build();
    }
  }
}
