package io.gatehouse.pg.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a client may send before authentication; parse with {@link StartupPackets#parse}. */
public sealed interface StartupPacket {

  /** Ask to switch to TLS; answer one byte 'S' or 'N'. */
  record SslRequest() implements StartupPacket {}

  /** Ask for GSSAPI encryption; a gateway without it answers 'N'. */
  record GssEncRequest() implements StartupPacket {}

  /** Cancel the query running on the backend identified by the key data. */
  record CancelRequest(int processId, int secretKey) implements StartupPacket {
    @Override
    public String toString() {
      return "CancelRequest[processId=" + processId + "]";
    }
  }

  /**
   * Protocol version and parameters, in wire order; user and database are present and non-empty.
   */
  record StartupMessage(int protocolVersion, Map<String, String> parameters)
      implements StartupPacket {
    public StartupMessage {
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public int majorVersion() {
      return protocolVersion >>> 16;
    }

    public int minorVersion() {
      return protocolVersion & 0xffff;
    }

    public String user() {
      return parameters.get("user");
    }

    public String database() {
      return parameters.get("database");
    }

    /** Command-line options for the backend, or {@code null}. */
    public String options() {
      return parameters.get("options");
    }

    public String applicationName() {
      return parameters.get("application_name");
    }
  }
}
