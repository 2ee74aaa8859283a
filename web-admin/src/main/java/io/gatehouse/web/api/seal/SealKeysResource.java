package io.gatehouse.web.api.seal;

import io.gatehouse.control.application.SealKeyView;
import io.gatehouse.control.application.SessionVerification;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /seal-keys}: public keys, open to anyone, so third parties can verify seals. */
@Path("/seal-keys")
@Tag(name = "sessions")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class SealKeysResource {

  @EJB SessionVerification verification;

  @GET
  @Operation(
      summary = "Public keys that session seals are verified with",
      description =
          "The current key (current: true) and every previous key still configured, as PEM"
              + " SubjectPublicKeyInfo, by key id.")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SealKeyView.class)))
  public List<SealKeyView> keys() {
    return verification.sealKeys();
  }
}
