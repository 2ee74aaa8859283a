package io.gatehouse.http.kubernetes;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * Forces the Kubernetes API server to answer in JSON. kubectl asks for {@code application/json},
 * sometimes with Table parameters ({@code ;as=Table;v=v1;g=meta.k8s.io}); other clients ask for
 * protobuf ({@code application/vnd.kubernetes.protobuf}), YAML or CBOR, which the gateway cannot
 * mask. Decision: keep only the JSON media ranges of the caller's {@code Accept}, or send plain
 * {@code application/json}; every client that can ask for protobuf also accepts JSON. A non-JSON
 * answer that should have been masked is refused (fail closed).
 */
public final class KubernetesAccept {

  public static final String JSON = "application/json";

  private KubernetesAccept() {}

  public static String forceJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return JSON;
    }
    StringJoiner kept = new StringJoiner(",");
    for (String range : accept.split(",")) {
      String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (type.equals(JSON)) {
        kept.add(range.trim());
      }
    }
    return kept.length() == 0 ? JSON : kept.toString();
  }
}
