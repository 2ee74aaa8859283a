package io.gatehouse.web.admin.connections;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Arrays;

/**
 * The form as the API's JSON request, so the form is checked by the API's own reader and its errors
 * carry the API's JSON pointers. Blank fields are left out, as a client would.
 */
final class ConnectionRequests {

  private ConnectionRequests() {}

  static JsonObject toJson(ConnectionForm f) {
    JsonObjectBuilder body = Json.createObjectBuilder();
    put(body, "name", f.getName());
    put(body, "type", f.getType());
    JsonObjectBuilder target = Json.createObjectBuilder();
    if (f.isHostAddressed()) {
      put(target, "host", f.getHost());
      putPort(target, f.getPort());
      if ("postgres".equals(f.getType())) {
        put(target, "database", f.getDatabase());
      }
    } else {
      put(target, "url", f.getUrl());
    }
    body.add("target", target);
    JsonObjectBuilder tls = Json.createObjectBuilder();
    put(tls, "mode", f.getTlsMode());
    put(tls, "caPem", f.getCaPem());
    put(tls, "serverName", f.getServerName());
    body.add("tls", tls);
    if ("ssh".equals(f.getType())) {
      put(body, "hostKey", f.getHostKey());
    }
    JsonObjectBuilder credential = Json.createObjectBuilder();
    put(credential, "username", f.getUsername());
    if (f.secret() != null && !f.secret().isEmpty()) {
      credential.add(f.getSecretKind(), f.secret());
      if ("clientKey".equals(f.getSecretKind())) {
        put(credential, "clientCertificate", f.getClientCertificate());
      }
    }
    body.add("credential", credential);
    JsonArrayBuilder groups = Json.createArrayBuilder();
    if (f.getAccessGroups() != null) {
      Arrays.stream(f.getAccessGroups().split("[,\\s]+"))
          .filter(g -> !g.isBlank())
          .forEach(groups::add);
    }
    body.add("accessGroups", groups);
    put(body, "policy", f.getPolicy());
    return body.build();
  }

  private static void put(JsonObjectBuilder json, String field, String value) {
    if (value != null && !value.isBlank()) {
      json.add(field, value.strip());
    }
  }

  /** A number when it is one; otherwise the text, so the reader reports it at /target/port. */
  private static void putPort(JsonObjectBuilder json, String port) {
    if (port == null || port.isBlank()) {
      return;
    }
    try {
      json.add("port", Integer.parseInt(port.strip()));
    } catch (NumberFormatException e) {
      json.add("port", port.strip());
    }
  }
}
