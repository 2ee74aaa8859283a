package it.io.gatehouse.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** The gateway under test: its base URL, its dev signing key, and a small HTTP client. */
public final class Gateway {

  public static final int HTTP_PORT = Integer.getInteger("it.http.port", 9080);
  public static final String BASE = "http://127.0.0.1:" + HTTP_PORT;
  public static final Path SERVER_DIR =
      Path.of(System.getProperty("it.server.dir", "target/liberty/wlp/usr/servers/gatehouse"));

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private Gateway() {}

  /** A token minted by the running gateway's dev endpoint. */
  public static String devToken(String subject, String... groups) {
    StringBuilder json = new StringBuilder("{\"subject\":\"" + subject + "\",\"groups\":[");
    for (int i = 0; i < groups.length; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(groups[i]).append('"');
    }
    json.append("]}");
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(BASE + "/api/v1/dev/token"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.toString())));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "dev token endpoint answered " + response.statusCode() + ": " + response.body());
    }
    return json(response.body()).getString("token");
  }

  /** The dev-mode private key the server generated, to forge tokens with chosen claims. */
  public static PrivateKey devSigningKey() {
    try {
      String pem = Files.readString(SERVER_DIR.resolve("gatehouse-dev/jwt-private.pem"));
      String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the server's dev signing key", e);
    }
  }

  public static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30));
  }

  public static HttpRequest.Builder authorized(String path, String token) {
    return request(path).header("Authorization", "Bearer " + token);
  }

  public static HttpResponse<String> get(String path, String token) {
    return send(authorized(path, token).GET());
  }

  public static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("gateway unreachable at " + BASE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  public static List<String> lines(String... lines) {
    return List.of(lines);
  }
}
