package io.gatehouse.web.api.reviews;

import io.gatehouse.control.application.ReviewService;
import io.gatehouse.control.application.ReviewView;
import io.gatehouse.web.api.grants.Callers;
import io.gatehouse.web.api.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Statements, commands and requests held by a {@code review} rule while their client waits.
 * Approver groups come from each policy, so every valid token may call; the service decides.
 */
@Path("/reviews")
@Tag(name = "reviews", description = "Held work waiting for reviewers")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ReviewsResource {

  private static final String PROBLEM = "application/problem+json";

  @EJB ReviewService reviews;
  @Inject JsonWebToken jwt;

  @GET
  @Operation(summary = "Pending reviews you may decide (and your own held work), oldest first")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ReviewView.class)))
  public List<ReviewView> pending() {
    return reviews.pending(Callers.of(jwt));
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Read a review")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = ReviewView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such review",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public ReviewView get(@PathParam("id") String id) {
    return reviews.get(Callers.of(jwt), id);
  }

  @POST
  @Path("{id}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Approve held work",
      description =
          "Never by the requester. Once enough approvals are in, the waiting client's statement"
              + " runs; the same text by the same identity on the same connection runs again"
              + " without review during the policy's approval window.")
  @RequestBody(content = @Content(example = "{\"reason\":\"expected cleanup, ticket INC-42\"}"))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = ReviewView.class)))
  @APIResponse(
      responseCode = "403",
      description = "Own request, or not an approver",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Already decided or expired, already approved by you, or changed concurrently",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public ReviewView approve(@PathParam("id") String id, String body) {
    return reviews.approve(Callers.of(jwt), id, Callers.reason(body));
  }

  @POST
  @Path("{id}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Reject held work (the requester may withdraw their own)")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = ReviewView.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not an approver",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Already decided or expired",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public ReviewView reject(@PathParam("id") String id, String body) {
    return reviews.reject(Callers.of(jwt), id, Callers.reason(body));
  }
}
