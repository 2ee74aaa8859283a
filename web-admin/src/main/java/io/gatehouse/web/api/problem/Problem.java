package io.gatehouse.web.api.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail. {@code errors} lists each field or rule at fault, so a client can
 * point at exactly what to fix.
 *
 * <p>Every record component carries {@code @Schema}: the OpenAPI scanner of Liberty 26.0.0.3 leaves
 * out record components without one (they have no bean getter).
 */
public record Problem(
    @Schema String type,
    @Schema String title,
    @Schema int status,
    @Schema String detail,
    @Schema List<FieldError> errors) {

  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

  /** One thing wrong with a request: a JSON pointer-like path and what is wrong there. */
  public record FieldError(@Schema String field, @Schema String message) {}

  public static Problem of(Response.Status status, String detail) {
    return new Problem(
        "about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, List.of());
  }

  public static Problem of(Response.Status status, String detail, List<FieldError> errors) {
    return new Problem(
        "about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, errors);
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this).build();
  }
}
