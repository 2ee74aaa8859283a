package io.gatehouse.web.api.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} lists each field or rule at fault, so a client can
 * point at exactly what to fix.
 */
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

  /** One thing wrong with a request: a JSON pointer-like path and what is wrong there. */
  public record FieldError(String field, String message) {}

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
