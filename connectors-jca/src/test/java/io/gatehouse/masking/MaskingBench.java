package io.gatehouse.masking;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Not a test: {@code java -cp target/classes:target/test-classes
 * io.gatehouse.masking.MaskingBench}. Masks a 1,000-row by 6-column result (ids, names, emails,
 * card numbers, free text, timestamps) with the policy example's plan, and with an empty plan, and
 * prints CPU microseconds per 1,000 rows; then the streaming masker's throughput on terminal
 * output.
 */
public final class MaskingBench {
  private static final int ROWS = 1_000;
  private static final int ROUNDS = 3_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private MaskingBench() {}

  public static void main(String[] args) {
    byte[][][] rows = rows(new Random(42));
    List<ColumnRef> columns =
        List.of(
            ColumnRef.of("customers", "id"),
            ColumnRef.of("customers", "name"),
            ColumnRef.of("customers", "email"),
            ColumnRef.of("customers", "card"),
            ColumnRef.of("customers", "notes"),
            ColumnRef.of("customers", "created_at"));
    List<MaskingRule> typicalRules = typicalRules();
    MaskingPlan typical =
        MaskingPlan.compile(typicalRules, "bench-key".getBytes(StandardCharsets.UTF_8));
    MaskingPlan noHash =
        MaskingPlan.compile(List.of(typicalRules.get(0), typicalRules.get(2)), null);
    MaskingPlan everything = StreamingTextMaskerTest.plan();
    for (int pass = 0; pass < 2; pass++) {
      String label = pass == 0 ? "warm-up " : "";
      report(label + "empty plan      ", rows, MaskingPlan.empty().forColumns(columns));
      floor(label, rows);
      report(label + "typical plan    ", rows, typical.forColumns(columns));
      report(label + "typical, no hash", rows, noHash.forColumns(columns));
      report(label + "all 10 detectors", rows, everything.forColumns(columns));
    }
    streaming(everything);
  }

  /** The example policy of docs/POLICY.md: cards partial, *.email hashed, SSNs redacted. */
  private static List<MaskingRule> typicalRules() {
    return List.of(
        new MaskingRule(
            "cards", List.of(), Optional.of(DetectorKind.PAYMENT_CARD), MaskStrategy.PARTIAL),
        new MaskingRule("emails", List.of("*.email"), Optional.empty(), MaskStrategy.HASH),
        new MaskingRule("ssn", List.of(), Optional.of(DetectorKind.US_SSN), MaskStrategy.REDACT));
  }

  private static void report(String label, byte[][][] rows, RowMasker masker) {
    long sink = 0;
    long start = THREADS.getCurrentThreadCpuTime();
    for (int round = 0; round < ROUNDS; round++) {
      sink += maskAll(rows, masker);
    }
    double micros = (THREADS.getCurrentThreadCpuTime() - start) / 1_000.0 / ROUNDS;
    System.out.printf("%s: %8.1f us CPU per %d rows (checksum %d)%n", label, micros, ROWS, sink);
  }

  /** For scale: one read of every byte, the least any content scan can cost on this machine. */
  private static void floor(String label, byte[][][] rows) {
    long sink = 0;
    long start = THREADS.getCurrentThreadCpuTime();
    for (int round = 0; round < ROUNDS; round++) {
      for (byte[][] row : rows) {
        for (byte[] value : row) {
          for (byte b : value) {
            sink += b;
          }
        }
      }
    }
    double micros = (THREADS.getCurrentThreadCpuTime() - start) / 1_000.0 / ROUNDS;
    System.out.printf(
        "%sread every byte : %8.1f us CPU per %d rows (%d)%n", label, micros, ROWS, sink);
  }

  private static long maskAll(byte[][][] rows, RowMasker masker) {
    long changed = 0;
    for (byte[][] row : rows) {
      for (int c = 0; c < row.length; c++) {
        if (masker.maskValue(c, row[c]) != row[c]) {
          changed++;
        }
      }
    }
    return changed;
  }

  private static void streaming(MaskingPlan plan) {
    byte[] output =
        ("drwxr-xr-x  2 bob staff  4096 Jan 15 10:23 \u001b[01;34mreports\u001b[0m\r\n"
                + "2024-01-15T10:23:45Z INFO order 12345 paid by bob@example.com card 4111 1111"
                + " 1111 1111\r\n")
            .repeat(2_000)
            .getBytes(StandardCharsets.UTF_8);
    long sink = 0;
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 30; round++) {
      StreamingTextMasker masker = plan.newStreamingMasker();
      long start = THREADS.getCurrentThreadCpuTime();
      for (int off = 0; off < output.length; off += 1_400) {
        sink += masker.accept(output, off, Math.min(1_400, output.length - off)).length;
      }
      sink += masker.flush().length;
      best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
    }
    System.out.printf(
        "streaming, all detectors: %.1f MB/s of terminal output in 1,400-byte chunks (%d)%n",
        output.length / (best / 1e9) / 1e6, sink);
  }

  private static byte[][][] rows(Random random) {
    String[] notes = {
      "Customer called about order 12345, delivery was late.",
      "VIP since 2019; prefers e-mail contact",
      "Paid with card 4111 1111 1111 1111 on the phone",
      "",
      "Refund issued — ticket #88412 (see CRM)"
    };
    byte[][][] rows = new byte[ROWS][][];
    for (int r = 0; r < ROWS; r++) {
      rows[r] =
          new byte[][] {
            bytes(Integer.toString(100_000 + r)),
            bytes("Customer Name " + r),
            bytes("user" + r + "@example.com"),
            bytes(card(random)),
            bytes(notes[r % notes.length]),
            bytes("2024-01-" + (10 + r % 20) + " 10:23:45." + (100_000 + r) + "+00")
          };
    }
    return rows;
  }

  /** A random 16-digit number with a valid Luhn check digit, in groups of four. */
  private static String card(Random random) {
    int[] digits = new int[16];
    digits[0] = 4;
    for (int i = 1; i < 15; i++) {
      digits[i] = random.nextInt(10);
    }
    int sum = 0;
    for (int i = 14; i >= 0; i--) {
      int d = digits[i];
      if ((14 - i) % 2 == 0) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    digits[15] = (10 - sum % 10) % 10;
    StringBuilder card = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        card.append(' ');
      }
      card.append(digits[i]);
    }
    return card.toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
