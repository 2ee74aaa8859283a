package io.gatehouse.web.api.dev;

import io.gatehouse.control.identity.DevTokenAuthority;
import io.gatehouse.web.api.problem.Problem;
import io.gatehouse.web.api.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Dev mode only, loopback only: mint an access token for local use. */
@Path("/dev/token")
@PermitAll
public class DevTokenResource {

  private static final Logger LOG = Logger.getLogger(DevTokenResource.class.getName());
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

  /** What to put in the token. */
  public record TokenRequest(
      @Schema String subject, @Schema List<String> groups, @Schema Long ttlSeconds) {}

  /** The minted token. */
  public record TokenResponse(
      @Schema String token, @Schema String tokenType, @Schema Instant expiresAt) {}

  @EJB DevTokenAuthority authority;

  @Context HttpServletRequest request;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  @Operation(
      summary = "Mint a dev-mode access token",
      description =
          "Only in dev mode (no identity provider configured) and only from a loopback address.")
  public Response mint(TokenRequest body, @Context HttpHeaders headers) {
    if (!authority.enabled()) {
      throw new ProblemException(
          Problem.of(
              Response.Status.NOT_FOUND,
              "Dev tokens are off: an identity provider is configured (gatehouse.jwt.issuer)"));
    }
    if (!fromLoopback(request.getRemoteAddr())) {
      throw new ProblemException(
          Problem.of(Response.Status.FORBIDDEN, "Dev tokens are minted for loopback callers only"));
    }
    TokenRequest req = validate(body);
    Duration ttl = Duration.ofSeconds(req.ttlSeconds() == null ? 3600 : req.ttlSeconds());
    String token = authority.mint(req.subject(), req.groups(), ttl);
    LOG.info(() -> "Dev token minted for " + req.subject() + " groups " + req.groups());
    if (headers.getAcceptableMediaTypes().stream()
        .anyMatch(m -> m.isCompatible(MediaType.TEXT_PLAIN_TYPE) && !m.isWildcardType())) {
      return Response.ok(token, MediaType.TEXT_PLAIN_TYPE).build();
    }
    return Response.ok(new TokenResponse(token, "Bearer", Instant.now().plus(ttl)))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  private static TokenRequest validate(TokenRequest body) {
    if (body == null) {
      throw bad("subject", "a JSON body with 'subject' and 'groups' is required");
    }
    if (body.subject() == null || !NAME.matcher(body.subject()).matches()) {
      throw bad("subject", "must be 1-128 characters of letters, digits and . _ @ -");
    }
    List<String> groups = body.groups() == null ? List.of() : body.groups();
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i) == null || !NAME.matcher(groups.get(i)).matches()) {
        throw bad("groups/" + i, "must be 1-128 characters of letters, digits and . _ @ -");
      }
    }
    long ttl = body.ttlSeconds() == null ? 3600 : body.ttlSeconds();
    if (ttl < 1 || ttl > DevTokenAuthority.MAX_TTL.toSeconds()) {
      throw bad("ttlSeconds", "must be between 1 and " + DevTokenAuthority.MAX_TTL.toSeconds());
    }
    return new TokenRequest(body.subject(), groups, ttl);
  }

  private static ProblemException bad(String field, String message) {
    return new ProblemException(
        Problem.of(
            Response.Status.BAD_REQUEST,
            "Invalid token request",
            List.of(new Problem.FieldError(field, message))));
  }

  static boolean fromLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
