package io.gatehouse.web.api.admin;

import io.gatehouse.control.application.CredentialKeyService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of a reseal pass. */
@Schema(name = "ResealResult")
public record ResealResult(
    @Schema(description = "Id of the current master key") String currentKeyId,
    @Schema(description = "Credentials moved to the current key") int resealed,
    @Schema(description = "Credentials that no configured key opens") int failed) {

  static ResealResult of(CredentialKeyService.RekeyResult result) {
    return new ResealResult(result.currentKeyId(), result.resealed(), result.failed());
  }
}
