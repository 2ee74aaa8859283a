package io.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyPathTest {

  @ParameterizedTest(name = "{0} -> {1} {2} {3}")
  @CsvSource({
    "/proxy/kind-test/api/v1/pods, kind-test, /api/v1/pods, /api/v1/pods",
    "/proxy/kind-test, kind-test, /, /",
    "/proxy/kind-test/, kind-test, /, /",
    "/proxy/kind-test//api//v1/, kind-test, /api/v1, /api/v1/",
    "/proxy//kind-test/api, kind-test, /api, /api",
    "/proxy/svc/a%2Fb, svc, /a/b, /a%2Fb",
    "/proxy/svc/caf%C3%A9, svc, /café, /caf%C3%A9",
    "/proxy/svc/a%20b/..., svc, /a b/..., /a%20b/...",
    "/proxy/svc/.well-known/x, svc, /.well-known/x, /.well-known/x",
    "/proxy/svc/ADMIN, svc, /ADMIN, /ADMIN",
  })
  void accepted(String raw, String connection, String matchPath, String forwardPath) {
    ProxyPath p = ProxyPath.parse("/proxy", raw);
    assertEquals(connection, p.connection(), "connection");
    assertEquals(matchPath, p.matchPath(), "path matched by rules");
    assertEquals(forwardPath, p.forwardPath(), "path forwarded");
  }

  @ParameterizedTest(name = "{0} refused")
  @ValueSource(
      strings = {
        "/proxy/kind-test/api/v1/namespaces/x/../kube-system/secrets",
        "/proxy/kind-test/..",
        "/proxy/kind-test/../other/api",
        "/proxy/../admin",
        "/proxy/kind-test/./api",
        "/proxy/kind-test/%2e%2e/other",
        "/proxy/kind-test/%2E%2E/other",
        "/proxy/kind-test/.%2e/other",
        "/proxy/kind-test/x%2F..%2F..%2Fother",
        "/proxy/kind-test/..;/other",
        "/proxy/kind-test/a%5C..%5Cb",
        "/proxy/kind-test/a\\b",
        "/proxy/kind-test/%252e%252e/other",
        "/proxy/kind-test/a%00b",
        "/proxy/kind-test/a%0d%0aX:1",
        "/proxy/kind-test/%zz",
        "/proxy/kind-test/%C3",
        "/proxy/kind-test/%",
        "/proxy",
        "/proxy/",
        "/other/kind-test",
      })
  void refusedWith400(String raw) {
    HttpRejection e = assertThrows(HttpRejection.class, () -> ProxyPath.parse("/proxy", raw));
    assertEquals(400, e.status(), "status for " + raw + ": " + e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/proxy/Kind-Test/api", "/proxy/-x/api", "/proxy/a%20b/api"})
  void unknownConnectionNamesAre404(String raw) {
    HttpRejection e = assertThrows(HttpRejection.class, () -> ProxyPath.parse("/proxy", raw));
    assertEquals(404, e.status(), "status for " + raw);
  }

  @ParameterizedTest
  @CsvSource({
    "/**, /, true",
    "/**, /a/b/c, true",
    "/admin/**, /admin, true",
    "/admin/**, /admin/users/1, true",
    "/admin/**, /administrator, false",
    "/admin/**, /ADMIN/users, false",
    "/api/*/users, /api/v1/users, true",
    "/api/*/users, /api/v1/x/users, false",
    "/api/**/users, /api/v1/x/users, true",
    "/**/secret, /secret, true",
    "/**/secret, /a/b/secret, true",
    "/**/secret, /a/b/secrets, false",
    "/v?/x, /v1/x, true",
    "/v?/x, /v10/x, false",
    "/a.b, /aXb, false",
  })
  void pathGlobs(String glob, String path, boolean expected) {
    assertEquals(expected, PathGlob.compile(glob).matches(path), glob + " vs " + path);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "DELETE, /admin/**, DELETE, /proxy/svc/admin/users/1, true",
        "DELETE, /admin/**, delete, /proxy/svc/admin/users/1, true",
        "DELETE, /admin/**, GET, /proxy/svc/admin/users/1, false",
        "NULL, /admin/**, GET, /proxy/svc/admin%2Fusers, true",
        "NULL, /admin/**, GET, /proxy/svc//admin//users/, true",
        "POST PUT, NULL, PUT, /proxy/svc/anything, true",
        "POST PUT, NULL, PATCH, /proxy/svc/anything, false",
      })
  void httpCriteria(String methods, String paths, String method, String raw, boolean expected) {
    HttpCriteria criteria =
        HttpCriteria.of(
            methods == null ? null : java.util.List.of(methods.split(" ")),
            paths == null ? null : java.util.List.of(paths.split(" ")));
    ProxyPath p = ProxyPath.parse("/proxy", raw);
    assertEquals(expected, criteria.matches(method, p.matchPath()), method + " " + raw);
  }
}
