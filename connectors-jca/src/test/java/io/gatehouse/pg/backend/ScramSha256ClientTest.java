package io.gatehouse.pg.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7677 section 3 test vector, then the ways a server-first or server-final can be wrong. */
class ScramSha256ClientTest {
  private static final String NONCE = "rOprNGfwEbeRWgbNEkqO";
  private static final String SERVER_FIRST =
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
  private static final String CLIENT_FINAL =
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
          + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
  private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

  private static ScramSha256Client client() {
    return new ScramSha256Client("user", "pencil", null, false, NONCE);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void matchesRfc7677TestVector() throws Exception {
    ScramSha256Client c = client();
    assertArrayEquals(b("n,,n=user,r=" + NONCE), c.clientFirstMessage(), "client-first");
    assertArrayEquals(b(CLIENT_FINAL), c.clientFinalMessage(b(SERVER_FIRST)), "client-final");
    assertDoesNotThrow(() -> c.verifyServerFinal(b(SERVER_FINAL)), "server signature verifies");
  }

  static Stream<String> badServerFirst() {
    return Stream.of(
        "r=someoneElsesNonce,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=" + NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=" + NONCE + "x,i=4096",
        "r=" + NONCE + "x,s=!!!,i=4096",
        "r=" + NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0",
        "r=" + NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=999999999",
        "r=" + NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=many",
        "m=ext,r=" + NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "garbage");
  }

  @ParameterizedTest
  @MethodSource("badServerFirst")
  void refusesBadServerFirst(String serverFirst) {
    ScramSha256Client c = client();
    c.clientFirstMessage();
    assertThrows(
        BackendAuthenticationException.class,
        () -> c.clientFinalMessage(b(serverFirst)),
        serverFirst);
  }

  static Stream<String> badServerFinal() {
    return Stream.of(
        "v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "v=",
        "v=***",
        "e=invalid-proof",
        "x=1",
        "");
  }

  @ParameterizedTest
  @MethodSource("badServerFinal")
  void refusesServerThatCannotProveItKnowsThePassword(String serverFinal) throws Exception {
    ScramSha256Client c = client();
    c.clientFirstMessage();
    c.clientFinalMessage(b(SERVER_FIRST));
    assertThrows(
        BackendAuthenticationException.class,
        () -> c.verifyServerFinal(b(serverFinal)),
        serverFinal);
  }

  @Test
  void channelBindingChangesHeaderAndMechanism() throws Exception {
    ScramSha256Client c = new ScramSha256Client("", "pw", new byte[] {1, 2}, true, NONCE);
    assertArrayEquals(b("p=tls-server-end-point,,n=,r=" + NONCE), c.clientFirstMessage(), "gs2");
    assertArrayEquals(b("SCRAM-SHA-256-PLUS"), b(c.mechanism()), "mechanism with channel binding");
  }
}
