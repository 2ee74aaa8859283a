package io.gatehouse.web.api.identities;

import io.gatehouse.control.application.IdentityKeyService;
import io.gatehouse.control.application.IdentityKeyView;
import io.gatehouse.web.api.grants.Callers;
import io.gatehouse.web.api.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SSH public keys: registered with the caller's access token, a key logs its identity in to the SSH
 * listener ({@code ssh -i key connection@gateway}) with the token's groups until it expires. Every
 * identity manages its own keys ({@code me/keys}); administrators (and, to read, auditors) see
 * everyone's and delete any, which ends its sessions. The service decides who may.
 */
@Path("/identities")
@Tag(name = "identities", description = "SSH public keys for the gateway's SSH listener")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class IdentityKeysResource {

  private static final String PROBLEM = "application/problem+json";
  private static final Set<String> JSON_FIELDS = Set.of("publicKey", "validitySeconds");

  @EJB IdentityKeyService keys;
  @Inject JsonWebToken jwt;

  @POST
  @Path("me/keys")
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Register an SSH public key for yourself (or renew it)",
      description =
          "The body is one OpenSSH public key line, as in ~/.ssh/id_ed25519.pub (or a JSON object"
              + " {\"publicKey\": …, \"validitySeconds\": …}). The key gets your token's subject"
              + " and groups; it works until it expires (at most gatehouse.ssh.key.validity"
              + ".seconds, 30 days by default). Registering it again renews it with your current"
              + " groups.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.TEXT_PLAIN,
              example =
                  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
                      + " alice@laptop"))
  @APIResponse(
      responseCode = "201",
      description = "Registered",
      content = @Content(schema = @Schema(implementation = IdentityKeyView.class)))
  @APIResponse(
      responseCode = "200",
      description = "Renewed (it was yours already)",
      content = @Content(schema = @Schema(implementation = IdentityKeyView.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "Not an OpenSSH public key line, a weak or unsupported type (ssh-dss, RSA under 2048"
              + " bits, certificates), a security key not made for SSH, validity out of range",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Registered to another identity, or too many keys",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response register(
      String body,
      @Parameter(description = "how long the key works, in seconds (default and most: the maximum)")
          @QueryParam("validitySeconds")
          Long validitySeconds,
      @Context UriInfo uri) {
    String line = body;
    Long validity = validitySeconds;
    if (body != null && body.strip().startsWith("{")) {
      JsonObject json = Callers.object(body, JSON_FIELDS);
      line = Callers.string(json, "publicKey");
      Long seconds = Callers.wholeNumber(json, "validitySeconds", false);
      validity = seconds == null ? validity : seconds;
    }
    IdentityKeyService.Registration registration = keys.register(Callers.of(jwt), line, validity);
    IdentityKeyView key = registration.key();
    if (!registration.created()) {
      return Response.ok(key).build();
    }
    return Response.created(uri.getAbsolutePathBuilder().path(urlSafe(key.fingerprint())).build())
        .entity(key)
        .build();
  }

  @GET
  @Path("me/keys")
  @Operation(summary = "Your registered SSH public keys, oldest first")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = IdentityKeyView.class)))
  public List<IdentityKeyView> list() {
    return keys.list(Callers.of(jwt));
  }

  @DELETE
  @Path("me/keys/{fingerprint: .+}")
  @Operation(
      summary = "Delete one of your keys; the next login with it is refused",
      description =
          "By fingerprint as ssh-keygen -lf prints it (SHA256:…), or its URL-safe base64 form"
              + " (- and _ for + and /), with or without the SHA256: prefix.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "404",
      description = "No such key of yours",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response delete(@PathParam("fingerprint") String fingerprint) {
    keys.delete(Callers.of(jwt), fingerprint);
    return Response.noContent().build();
  }

  @GET
  @Path("keys")
  @Operation(
      summary = "Every identity's registered SSH keys (administrators and auditors)",
      description = "By identity, then oldest first; ?identity= for one identity's.")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = IdentityKeyView.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator or auditor",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public List<IdentityKeyView> listAll(
      @Parameter(description = "only this identity's keys") @QueryParam("identity")
          String identity) {
    return keys.listAll(Callers.of(jwt), identity);
  }

  @DELETE
  @Path("{identity}/keys/{fingerprint: .+}")
  @Operation(
      summary = "Delete any identity's key (administrators); the sessions it opened end",
      description =
          "By fingerprint as ssh-keygen -lf prints it (SHA256:…), or its URL-safe base64 form."
              + " The key's clients are disconnected with who deleted it and the reason, if"
              + " given; the next login with it is refused.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "The identity has no such key",
      content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
  public Response deleteAny(
      @Parameter(description = "the key's identity (the subject that registered it)")
          @PathParam("identity")
          String identity,
      @PathParam("fingerprint") String fingerprint,
      @Parameter(description = "why, told to the key's clients and logged") @QueryParam("reason")
          String reason) {
    keys.deleteAny(Callers.of(jwt), identity, fingerprint, reason);
    return Response.noContent().build();
  }

  private static String urlSafe(String fingerprint) {
    return fingerprint.replace('+', '-').replace('/', '_');
  }
}
