package io.gatehouse.web.api.admin;

import io.gatehouse.control.application.CredentialKeyService;
import io.gatehouse.web.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/admin/credential-keys")
@Tag(name = "admin", description = "Operations on the gateway itself")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CredentialKeysResource {

  @EJB CredentialKeyService keys;

  @POST
  @Path("reseal")
  @Operation(
      summary = "Re-encrypt stored credentials under the current master key",
      description =
          "After a rotation (new gatehouse.credential.master.key, the old one in"
              + " gatehouse.credential.previous.keys) this reseals every credential still under an"
              + " old key; the server also does it at startup. Then the old key can be removed.")
  public ResealResult reseal() {
    return ResealResult.of(keys.resealAll());
  }
}
