package io.gatehouse.connector.ra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Server-side TLS contexts from the server's key store (Liberty's own by default). */
public final class TlsContexts {

  private TlsContexts() {}

  /** A TLS 1.2+/1.3 server context with the key in {@code keyStore} (PKCS#12 or JKS). */
  public static SSLContext serverContext(Path keyStore, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(keyStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
