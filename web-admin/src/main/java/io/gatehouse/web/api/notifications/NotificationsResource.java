package io.gatehouse.web.api.notifications;

import io.gatehouse.control.application.NotificationService;
import io.gatehouse.control.application.NotificationView;
import io.gatehouse.web.api.grants.Callers;
import io.gatehouse.web.api.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The webhook outbox (policy {@code notifications}): sent, waiting for a retry, or given up. */
@Path("/notifications")
@Tag(name = "notifications", description = "Webhook posts about reviews and grants")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class NotificationsResource {

  @EJB NotificationService notifications;
  @Inject JsonWebToken jwt;

  @GET
  @Operation(summary = "The newest notifications, or those about one review or grant")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = NotificationView.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not an admin or auditor",
      content =
          @Content(
              mediaType = "application/problem+json",
              schema = @Schema(implementation = Problem.class)))
  public List<NotificationView> list(@QueryParam("subject") String subject) {
    return notifications.list(Callers.of(jwt), subject);
  }
}
