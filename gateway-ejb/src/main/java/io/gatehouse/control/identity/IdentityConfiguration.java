package io.gatehouse.control.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads the identity settings from MicroProfile Config (server.xml variables, environment). */
@ApplicationScoped
public class IdentityConfiguration {

  @Inject
  @ConfigProperty(name = "gatehouse.jwt.issuer", defaultValue = IdentitySettings.DEV_ISSUER)
  String issuer;

  @Inject
  @ConfigProperty(name = "gatehouse.jwt.audience", defaultValue = "gatehouse")
  String audience;

  @Inject
  @ConfigProperty(name = "gatehouse.jwt.key.location", defaultValue = "")
  String keyLocation;

  @Inject
  @ConfigProperty(name = "gatehouse.jwt.algorithm", defaultValue = "RS256")
  String algorithm;

  @Inject
  @ConfigProperty(name = "gatehouse.jwt.dev.dir", defaultValue = "gatehouse-dev")
  String devDirectory;

  @Inject
  @ConfigProperty(name = "gatehouse.jwt.clock.skew", defaultValue = "30")
  int clockSkewSeconds;

  private IdentitySettings settings;

  // Dependent scope: a record cannot be proxied; the one instance is cached here.
  @Produces
  synchronized IdentitySettings identitySettings() {
    if (settings == null) {
      settings =
          new IdentitySettings(
              issuer, audience, keyLocation, algorithm, Path.of(devDirectory), clockSkewSeconds);
    }
    return settings;
  }
}
