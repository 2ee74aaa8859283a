package io.gatehouse.control.domain.model.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Key lines built here from keys the JDK generates, in the SSH wire format (RFC 4253 6.6, RFC 5656
 * 3.1), independently of the parser.
 */
class OpenSshPublicKeyTest {

  private static byte[] blob(Object... fields) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (Object field : fields) {
      byte[] value =
          field instanceof String text
              ? text.getBytes(StandardCharsets.US_ASCII)
              : field instanceof BigInteger number ? number.toByteArray() : (byte[]) field;
      out.writeInt(value.length);
      out.write(value);
    }
    return bytes.toByteArray();
  }

  private static String line(String type, byte[] blob) {
    return type + " " + Base64.getEncoder().encodeToString(blob) + " someone@laptop";
  }

  private static String rsa(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
    return line("ssh-rsa", blob("ssh-rsa", key.getPublicExponent(), key.getModulus()));
  }

  private static byte[] ecPoint(String curve, int size) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
    byte[] point = new byte[1 + 2 * size];
    point[0] = 4;
    fixed(key.getW().getAffineX(), point, 1, size);
    fixed(key.getW().getAffineY(), point, 1 + size, size);
    return point;
  }

  private static void fixed(BigInteger value, byte[] into, int offset, int size) {
    byte[] raw = value.toByteArray();
    int skip = Math.max(0, raw.length - size);
    System.arraycopy(raw, skip, into, offset + size - (raw.length - skip), raw.length - skip);
  }

  private static String refusal(String line) {
    return assertThrows(IllegalArgumentException.class, () -> OpenSshPublicKey.parse(line))
        .getMessage();
  }

  @Test
  void acceptsEd25519WithTheFingerprintSshKeygenPrints() {
    OpenSshPublicKey key = OpenSshPublicKey.parse(IdentityPublicKeyTest.KEY + "\n");
    assertEquals("ssh-ed25519", key.type());
    assertEquals(256, key.bits());
    assertEquals("alice@host", key.comment());
    assertEquals(IdentityPublicKeyTest.FINGERPRINT, key.fingerprint());
  }

  @Test
  void acceptsRsaOf2048BitsAndRefusesSmallerOnesSayingSo() throws Exception {
    assertEquals(2048, OpenSshPublicKey.parse(rsa(2048)).bits());
    String weak = refusal(rsa(1024));
    assertTrue(weak.contains("RSA keys of 1024 bits are too weak"), weak);
    assertTrue(weak.contains("at least 2048"), weak);
  }

  @Test
  void acceptsEcdsaOnItsCurveOnly() throws Exception {
    byte[] p256 = ecPoint("secp256r1", 32);
    OpenSshPublicKey key =
        OpenSshPublicKey.parse(
            line("ecdsa-sha2-nistp256", blob("ecdsa-sha2-nistp256", "nistp256", p256)));
    assertEquals(256, key.bits());
    assertEquals(
        384,
        OpenSshPublicKey.parse(
                line(
                    "ecdsa-sha2-nistp384",
                    blob("ecdsa-sha2-nistp384", "nistp384", ecPoint("secp384r1", 48))))
            .bits());
    String mismatch =
        refusal(line("ecdsa-sha2-nistp256", blob("ecdsa-sha2-nistp256", "nistp384", p256)));
    assertTrue(mismatch.contains("curve 'nistp384' does not match"), mismatch);
    String shortPoint =
        refusal(
            line(
                "ecdsa-sha2-nistp256",
                blob("ecdsa-sha2-nistp256", "nistp256", Arrays.copyOf(p256, 33))));
    assertTrue(shortPoint.contains("malformed"), shortPoint);
  }

  @Test
  void acceptsSecurityKeysMadeForSshAndRefusesOtherApplications() throws Exception {
    String ed = "sk-ssh-ed25519@openssh.com";
    OpenSshPublicKey key = OpenSshPublicKey.parse(line(ed, blob(ed, new byte[32], "ssh:")));
    assertEquals(ed, key.type());
    assertEquals(256, key.bits());
    String ecdsa = "sk-ecdsa-sha2-nistp256@openssh.com";
    byte[] p256 = ecPoint("secp256r1", 32);
    assertEquals(
        256, OpenSshPublicKey.parse(line(ecdsa, blob(ecdsa, "nistp256", p256, "ssh:work"))).bits());
    // As the SSH listener (MINA SSHD) writes a security key it is offered, with MINA's
    // fingerprint: the listener's lookup finds the registered key by this line.
    OpenSshPublicKey offered =
        OpenSshPublicKey.parse(
            "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIL91F+FdYWPq"
                + "y6N5XVHA4hzESJE/u9651c1SNyX1RBk1AAAABHNzaDo=");
    assertEquals("SHA256:X04HFeik0NHXRTLJXxDlpKDMNPpjSh6gytfA7kZJveI", offered.fingerprint());
    String web = refusal(line(ed, blob(ed, new byte[32], "https://example.com")));
    assertTrue(web.contains("application 'https://example.com' is not an SSH one"), web);
    String noApplication = refusal(line(ed, blob(ed, new byte[32])));
    assertTrue(noApplication.contains("malformed"), noApplication);
    String wrongCurve = refusal(line(ecdsa, blob(ecdsa, "nistp384", p256, "ssh:")));
    assertTrue(wrongCurve.contains("does not match"), wrongCurve);
  }

  @Test
  void refusesWeakAndUnsupportedTypesByName() throws Exception {
    String dsa = refusal(line("ssh-dss", blob("ssh-dss", BigInteger.TEN, BigInteger.TWO)));
    assertTrue(dsa.contains("ssh-dss (DSA) keys are weak"), dsa);
    String cert = refusal("ssh-ed25519-cert-v01@openssh.com AAAA");
    assertTrue(cert.contains("certificates"), cert);
    String unknown = refusal("ssh-foo AAAA");
    assertTrue(unknown.contains("unsupported key type 'ssh-foo'"), unknown);
  }

  @Test
  void refusesMalformedLinesSayingWhatIsWrong() throws Exception {
    assertTrue(refusal("").contains("OpenSSH public key line"));
    assertTrue(refusal("ssh-ed25519").contains("no base64 part"));
    assertTrue(refusal("ssh-ed25519 not*base64").contains("does not decode"));
    assertTrue(
        refusal("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----")
            .contains("PEM block"));
    assertTrue(
        refusal(IdentityPublicKeyTest.KEY + "\n" + IdentityPublicKeyTest.KEY)
            .contains("several lines"));
    byte[] ed25519 = new byte[32];
    assertTrue(
        refusal(line("ssh-rsa", blob("ssh-ed25519", ed25519)))
            .contains("of type 'ssh-ed25519', not ssh-rsa"));
    assertTrue(
        refusal(line("ssh-ed25519", blob("ssh-ed25519", new byte[31]))).contains("malformed"));
    byte[] whole = blob("ssh-ed25519", ed25519);
    assertTrue(
        refusal(line("ssh-ed25519", Arrays.copyOf(whole, whole.length - 5))).contains("truncated"));
    assertTrue(
        refusal(line("ssh-ed25519", Arrays.copyOf(whole, whole.length + 3))).contains("malformed"));
    assertTrue(refusal("ssh-ed25519 " + "A".repeat(9000)).contains("longer than"));
  }
}
