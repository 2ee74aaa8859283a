package io.gatehouse.http.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonResponseMaskerTest {

  private final JsonResponseMasker masker = new JsonResponseMasker(1 << 20);

  private static final String SECRET =
      "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"db\",\"annotations\":"
          + "{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"data\\\":{\\\"p\\\":\\\"cw==\\\"}}\"}},"
          + "\"data\":{\"password\":\"aHVudGVyMg==\",\"user\":\"YWRtaW4=\"},"
          + "\"stringData\":{\"token\":\"abc\"},\"type\":\"Opaque\"}";

  private String mask(String json, JsonMaskPlan plan) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    masker.maskDocument(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, plan);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  private static JsonMaskPlan secrets(boolean secretsRequest) {
    return JsonMaskPlan.kubernetes(secretsRequest, List.of(), ValueMasker.REDACT);
  }

  @ParameterizedTest(name = "secrets request: {0}")
  @ValueSource(booleans = {true, false})
  void masksASingleSecret(boolean secretsRequest) throws IOException {
    JsonObject out = parse(mask(SECRET, secrets(secretsRequest)));
    assertEquals("****", out.getJsonObject("data").getString("password"), "data masked");
    assertEquals("****", out.getJsonObject("data").getString("user"), "every data key");
    assertEquals("****", out.getJsonObject("stringData").getString("token"), "stringData");
    assertEquals("db", out.getJsonObject("metadata").getString("name"), "metadata kept");
    assertEquals("Opaque", out.getString("type"), "type kept");
  }

  @Test
  void masksTheLastAppliedCopyOnSecretsRequests() throws IOException {
    String out = mask(SECRET, secrets(true));
    assertFalse(out.contains("cw=="), "last-applied-configuration masked: " + out);
  }

  @Test
  void masksSecretListItemsByUrlEvenWithoutKind() throws IOException {
    String list =
        "{\"kind\":\"SecretList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":["
            + "{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"djE=\"}},"
            + "{\"metadata\":{\"name\":\"b\"},\"data\":{\"k\":\"djI=\"},\"type\":\"Opaque\"}]}";
    JsonObject out = parse(mask(list, secrets(true)));
    assertEquals(
        "****",
        out.getJsonArray("items").getJsonObject(0).getJsonObject("data").getString("k"),
        "item 0");
    assertEquals(
        "****",
        out.getJsonArray("items").getJsonObject(1).getJsonObject("data").getString("k"),
        "item 1");
    assertEquals(
        "b",
        out.getJsonArray("items").getJsonObject(1).getJsonObject("metadata").getString("name"),
        "names kept");
  }

  @Test
  void masksSecretsInsideAGenericListByKind() throws IOException {
    String list =
        "{\"kind\":\"List\",\"items\":[{\"kind\":\"ConfigMap\",\"data\":{\"k\":\"visible\"}},"
            + "{\"kind\":\"Secret\",\"data\":{\"k\":\"hidden\"}}]}";
    String out = mask(list, secrets(false));
    assertTrue(out.contains("visible"), "ConfigMap data kept: " + out);
    assertFalse(out.contains("hidden"), "Secret data masked: " + out);
  }

  @Test
  void configMapDataIsNotMaskedOnOtherRequests() throws IOException {
    String cm = "{\"kind\":\"ConfigMap\",\"data\":{\"k\":\"v\"}}";
    assertEquals(cm, mask(cm, secrets(false)), "unchanged");
  }

  @Test
  void scansEveryUnselectedValueWithTheContentMaskerAndKeepsTypes() throws IOException {
    String doc =
        "{\"kind\":\"Secret\",\"data\":{\"k\":\"c2VjcmV0\"},\"user\":\"ann\","
            + "\"card\":\"4111 1111 1111 1111\",\"n\":4111111111111111,\"replicas\":3,"
            + "\"ok\":true}";
    ValueMasker cards = v -> v.replaceAll("4111[ 1]*1111", "****1111");
    JsonObject out =
        parse(
            mask(
                doc,
                JsonMaskPlan.kubernetes(false, List.of(), ValueMasker.REDACT)
                    .withContentMasker(cards)));
    assertEquals("****1111", out.getString("card"), "a detected value inside a string");
    assertEquals("****1111", out.getString("n"), "a detected number becomes a string");
    assertEquals(3, out.getInt("replicas"), "other numbers keep their type");
    assertEquals("ann", out.getString("user"), "nothing found: unchanged");
    assertTrue(out.getBoolean("ok"), "booleans untouched");
    assertEquals(
        "****", out.getJsonObject("data").getString("k"), "Secret data still redacted whole");
  }

  @Test
  void masksPolicyPathsWithTheStrategyCallback() throws IOException {
    String pods =
        "{\"kind\":\"PodList\",\"items\":[{\"spec\":{\"containers\":[{\"name\":\"app\",\"env\":["
            + "{\"name\":\"DB_PASSWORD\",\"value\":\"hunter2\"},{\"name\":\"PORT\",\"value\":\"5432\"}]}]}}],"
            + "\"deep\":{\"x\":[{\"password\":12345},{\"password\":{\"nested\":true,\"n\":null}}]}}";
    JsonMaskPlan plan =
        JsonMaskPlan.of(
            List.of("$.items[*].spec.containers[*].env[*].value", "$..password"),
            false,
            v -> "h:" + v.length());
    JsonObject out = parse(mask(pods, plan));
    var env =
        out.getJsonArray("items")
            .getJsonObject(0)
            .getJsonObject("spec")
            .getJsonArray("containers")
            .getJsonObject(0)
            .getJsonArray("env");
    assertEquals("h:7", env.getJsonObject(0).getString("value"), "env value masked by callback");
    assertEquals("DB_PASSWORD", env.getJsonObject(0).getString("name"), "env name kept");
    assertEquals("h:4", env.getJsonObject(1).getString("value"), "every env value");
    var deep = out.getJsonObject("deep").getJsonArray("x");
    assertEquals("h:5", deep.getJsonObject(0).getString("password"), "number masked as string");
    assertEquals(
        "h:4",
        deep.getJsonObject(1).getJsonObject("password").getString("nested"),
        "object leaves masked");
    assertTrue(deep.getJsonObject(1).getJsonObject("password").isNull("n"), "null stays null");
  }

  @Test
  void keepsEverythingElseIntact() throws IOException {
    String doc =
        "{\"s\":\"\\u00e9\\\"q\\\"\",\"n\":1.5e3,\"i\":-12,\"big\":123456789012345678901234567890,"
            + "\"t\":true,\"f\":false,\"z\":null,\"a\":[[],{},[1,[2]]]}";
    assertEquals(parse(doc), parse(mask(doc, secrets(false))), "same JSON value");
  }

  @Test
  void malformedJsonIsAnError() {
    assertThrows(IOException.class, () -> mask("{\"a\":", secrets(false)), "truncated");
    assertThrows(IOException.class, () -> mask("{\"a\" 1}", secrets(false)), "syntax");
  }

  @Test
  void watchStreamIsMaskedEventByEventWhateverTheChunking() throws IOException {
    String events =
        "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Secret\",\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"c2VjcmV0MQ==\"}}}\n"
            + "{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Secret\",\"metadata\":{\"name\":\"b}{\\\"\"},\"data\":{\"k\":\"c2VjcmV0Mg==\"}}}\n"
            + "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Secret\",\"metadata\":{\"resourceVersion\":\"7\"}}}\n";
    byte[] bytes = events.getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {1, 2, 7, 64, bytes.length}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      masker.maskStream(chunked(bytes, chunk), out, secrets(true));
      String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
      assertEquals(3, lines.length, "one line per event, chunk " + chunk);
      assertFalse(out.toString(StandardCharsets.UTF_8).contains("c2VjcmV0"), "chunk " + chunk);
      assertEquals(
          "b}{\"",
          parse(lines[1]).getJsonObject("object").getJsonObject("metadata").getString("name"),
          "braces in strings");
    }
  }

  @Test
  void watchEventsAreFlushedOneByOne() throws IOException {
    List<Integer> flushedAt = new ArrayList<>();
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) {
            sink.write(b);
          }

          @Override
          public void flush() {
            flushedAt.add(sink.size());
          }
        };
    String event = "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\"}}";
    masker.maskStream(
        new ByteArrayInputStream((event + "\n" + event + "\n").getBytes(StandardCharsets.UTF_8)),
        out,
        secrets(false));
    assertTrue(
        flushedAt.contains(event.length() + 1), "flushed after the first event: " + flushedAt);
  }

  @Test
  void oversizedWatchEventIsRefused() {
    JsonResponseMasker small = new JsonResponseMasker(100);
    String big = "{\"type\":\"ADDED\",\"object\":{\"x\":\"" + "y".repeat(200) + "\"}}";
    assertThrows(
        IOException.class,
        () ->
            small.maskStream(
                new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)),
                OutputStream.nullOutputStream(),
                secrets(false)),
        "event over the cap");
  }

  @Test
  void aLargeListStreamsThroughWithoutBeingBuffered() throws IOException {
    int items = 200_000;
    InputStream list = generatedList(items);
    long[] written = {0};
    OutputStream counting =
        new OutputStream() {
          @Override
          public void write(int b) {
            written[0]++;
          }

          @Override
          public void write(byte[] b, int off, int len) {
            written[0] += len;
          }
        };
    Runtime rt = Runtime.getRuntime();
    masker.maskDocument(list, counting, secrets(true));
    assertTrue(written[0] > items * 40L, "all items written: " + written[0]);
    assertTrue(rt.totalMemory() - rt.freeMemory() < rt.maxMemory(), "did not run out of memory");
  }

  private static InputStream generatedList(int items) {
    List<InputStream> parts = new ArrayList<>();
    parts.add(stream("{\"kind\":\"SecretList\",\"items\":["));
    String item = "{\"metadata\":{\"name\":\"s\"},\"data\":{\"k\":\"dmFsdWU=\"}}";
    InputStream body =
        new InputStream() {
          int index;
          byte[] current = new byte[0];
          int pos;

          @Override
          public int read() {
            if (pos == current.length) {
              if (index == items) {
                return -1;
              }
              current = ((index++ == 0 ? "" : ",") + item).getBytes(StandardCharsets.UTF_8);
              pos = 0;
            }
            return current[pos++] & 0xff;
          }
        };
    parts.add(body);
    parts.add(stream("]}"));
    return new SequenceInputStream(Collections.enumeration(parts));
  }

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Hands out at most {@code chunk} bytes per read, as a network would. */
  private static InputStream chunked(byte[] bytes, int chunk) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }
}
