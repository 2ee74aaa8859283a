package io.gatehouse.control.identity;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Dev mode's identity provider: a signing key generated once into the server's directory and tokens
 * minted for local use. Inert (and {@link #enabled()} false) once an issuer is configured.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class DevTokenAuthority {

  private static final Logger LOG = Logger.getLogger(DevTokenAuthority.class.getName());
  static final String PRIVATE_KEY_FILE = "jwt-private.pem";
  static final String PUBLIC_KEY_FILE = "jwt-public.pem";
  public static final Duration MAX_TTL = Duration.ofHours(12);

  @Inject IdentitySettings settings;

  private KeyPair keyPair;

  @PostConstruct
  void start() {
    if (!settings.devMode()) {
      LOG.info(() -> "Identity provider " + settings.issuer() + " configured; dev mode is off");
      return;
    }
    keyPair = loadOrCreate(settings.devDirectory());
    LOG.warning(
        "GATEHOUSE DEV MODE: no identity provider configured\n"
            + "****************************************************************\n"
            + "*  GATEHOUSE IS RUNNING IN DEV MODE: no identity provider is    *\n"
            + "*  configured. Tokens are signed by a local key in             *\n"
            + "*  "
            + settings.devDirectory()
            + "\n*  and can be minted on loopback with POST /api/v1/dev/token.  *\n"
            + "*  Set GATEHOUSE_JWT_ISSUER (and key location, audience) for   *\n"
            + "*  production.                                                 *\n"
            + "****************************************************************");
  }

  public boolean enabled() {
    return keyPair != null;
  }

  /** A signed access token for {@code subject} with {@code groups}, valid for {@code ttl}. */
  public String mint(String subject, Collection<String> groups, Duration ttl) {
    if (!enabled()) {
      throw new IllegalStateException("Tokens can only be minted in dev mode");
    }
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be between 1 second and " + MAX_TTL);
    }
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(settings.issuer());
    claims.setAudience(settings.audience());
    claims.setSubject(subject);
    claims.setClaim("upn", subject);
    claims.setStringListClaim("groups", List.copyOf(groups));
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(ttl.toSeconds() / 60f);
    claims.setJwtId(UUID.randomUUID().toString());
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(keyPair.getPrivate());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("Could not sign a dev token", e);
    }
  }

  static KeyPair loadOrCreate(Path dir) {
    try {
      Files.createDirectories(dir);
      Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
      Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        return load(privateFile, publicFile);
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      writePem(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
      writePem(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
      return pair;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the dev signing key in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot create the dev signing key", e);
    }
  }

  private static KeyPair load(Path privateFile, Path publicFile)
      throws IOException, GeneralSecurityException {
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    PrivateKey privateKey =
        rsa.generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(Files.readString(privateFile))));
    PublicKey publicKey = Pem.publicKey(Files.readString(publicFile));
    return new KeyPair(publicKey, privateKey);
  }

  private static void writePem(Path file, String type, byte[] der, boolean secret)
      throws IOException {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, pem);
    if (secret) {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's ACL applies.
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
