package io.gatehouse.web.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How this server runs, as every admin page needs to know it: dev mode and the login kind. */
@Named("adminEnv")
@ApplicationScoped
public class AdminEnvironment {

  private static final Logger LOG = Logger.getLogger(AdminEnvironment.class.getName());
  static final String DEV_ISSUER = "gatehouse-dev";
  static final String DEV_LOGIN = "dev";
  static final String OIDC_LOGIN = "oidc";

  @Inject
  @ConfigProperty(name = "gatehouse.jwt.issuer", defaultValue = DEV_ISSUER)
  String issuer;

  @Inject
  @ConfigProperty(name = "gatehouse.ui.login", defaultValue = DEV_LOGIN)
  String login;

  @Inject
  @ConfigProperty(name = "gatehouse.ui.oidc.logout")
  Optional<String> oidcLogout;

  @Inject
  @ConfigProperty(name = "gatehouse.ui.oidc.client.id", defaultValue = "gatehouse-admin")
  String oidcClientId;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (isDemoLoginMisused()) {
      LOG.severe(
          "The admin app's demo login (gatehouse.ui.login=dev) is on but an identity provider is"
              + " configured: /admin refuses every page. Set GATEHOUSE_UI_LOGIN=oidc (or none).");
    }
  }

  /** No identity provider configured: the server is a local playground. */
  public boolean isDevMode() {
    return DEV_ISSUER.equals(issuer);
  }

  /** The demo users (public passwords) can log in. */
  public boolean isDemoLogin() {
    return DEV_LOGIN.equals(login);
  }

  /** Users log in at the identity provider (OpenID Connect authorization code flow). */
  public boolean isOidcLogin() {
    return OIDC_LOGIN.equals(login);
  }

  /** The provider's end_session endpoint for logging out there too, or empty. */
  public String getOidcLogout() {
    return isOidcLogin() ? oidcLogout.map(String::strip).orElse("") : "";
  }

  public String getOidcClientId() {
    return oidcClientId;
  }

  /** Demo users on a server that is not in dev mode: fail closed. */
  public boolean isDemoLoginMisused() {
    return isDemoLogin() && !isDevMode();
  }
}
