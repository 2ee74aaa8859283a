package io.gatehouse.control.domain.model.connection;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Lob;
import java.util.Objects;

/** TLS on the gateway's side of a connection: mode, trusted CA, expected server name. */
@Embeddable
public class TlsSettings {

  @Enumerated(EnumType.STRING)
  @Column(name = "tls_mode", length = 16, nullable = false)
  private TlsMode mode;

  @Lob
  @Column(name = "tls_ca_pem")
  private String caPem;

  @Column(name = "tls_server_name", length = 253)
  private String serverName;

  protected TlsSettings() {}

  /**
   * @param caPem PEM certificates to trust, or null for the JVM's trust store
   * @param serverName the name to verify instead of the target host, or null
   */
  public TlsSettings(TlsMode mode, String caPem, String serverName) {
    this.mode = Objects.requireNonNull(mode, "mode");
    if (caPem != null && !caPem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException("caPem must hold PEM certificates");
    }
    if (mode == TlsMode.DISABLE && (caPem != null || serverName != null)) {
      throw new IllegalArgumentException("caPem and serverName need TLS; mode is disable");
    }
    this.caPem = caPem;
    this.serverName = serverName;
  }

  public static TlsSettings verifyFull() {
    return new TlsSettings(TlsMode.VERIFY_FULL, null, null);
  }

  public TlsMode mode() {
    return mode;
  }

  public String caPem() {
    return caPem;
  }

  public String serverName() {
    return serverName;
  }
}
