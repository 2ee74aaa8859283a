package io.gatehouse.pg.proxy;

import io.gatehouse.pg.wire.BackendEncoder;
import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.DataRowRewriter;
import io.gatehouse.pg.wire.Frame;
import io.gatehouse.pg.wire.FrameDecoder;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: {@code java -cp target/classes:target/test-classes:<deps>
 * io.gatehouse.pg.proxy.DataRowMaskingBench [rounds [passes]]}. The {@code cards} workload of
 * {@code bench/pg.sh} in process: 1,000 DataRow frames shaped like {@code bench/cards-select.sql}'s
 * (id, name, email, a Luhn-valid card, a note), decoded from one buffer as the backend pump sees
 * them and written to a client output as {@code BackendPump.writeRow} does, with the benchmark
 * policy (payment-card detector, partial, every column) and without masking. Prints CPU
 * microseconds per 1,000 rows for each and the difference.
 */
public final class DataRowMaskingBench {
  private static final int ROWS = 1_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private DataRowMaskingBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    byte[] wire = wire();
    List<BackendMessage.Field> fields =
        List.of(
            field("id", 23),
            field("name", 25),
            field("email", 25),
            field("card", 25),
            field("note", 25));
    PlanMasking cards = PlanMaskingTest.CARDS;
    ClientOutput out = new ClientOutput(OutputStream.nullOutputStream());
    List<Double> added = new ArrayList<>();
    for (int pass = 0; pass < passes; pass++) {
      String label = pass < 2 ? "warm-up " : "";
      double plain = run(wire, null, fields, out, rounds);
      double masked = run(wire, cards, fields, out, rounds);
      System.out.printf(
          "%sunmasked %7.1f us, masked %7.1f us per %d rows: masking adds %7.1f us%n",
          label, plain, masked, ROWS, masked - plain);
      if (pass >= 2) {
        added.add(masked - plain);
      }
    }
    if (added.size() > 1) {
      added.sort(null);
      System.out.printf(
          "median over %d measured passes: masking adds %7.1f us per %d rows%n",
          added.size(), added.get(added.size() / 2), ROWS);
    }
  }

  private static double run(
      byte[] wire,
      PlanMasking masking,
      List<BackendMessage.Field> fields,
      ClientOutput out,
      int rounds)
      throws Exception {
    FrameDecoder decoder = FrameDecoder.backend();
    long start = THREADS.getCurrentThreadCpuTime();
    long rewritten = 0;
    byte[] read = new byte[wire.length];
    for (int round = 0; round < rounds; round++) {
      DataRowRewriter rows = masking == null ? null : masking.forColumns(fields);
      // Into a read buffer first, as the socket read does: the relay masks rows where they lie.
      System.arraycopy(wire, 0, read, 0, wire.length);
      ByteBuffer in = ByteBuffer.wrap(read);
      Frame frame;
      while ((frame = decoder.next(in)) != null) {
        if (rows == null) {
          out.write(frame);
          continue;
        }
        ByteBuffer result = rows.rewrite(frame);
        if (result == null) {
          out.write(frame);
        } else {
          rewritten++;
          out.write(result);
        }
      }
      out.flush();
    }
    if (masking != null && rewritten != (long) rounds * ROWS) {
      throw new IllegalStateException("expected every row masked, got " + rewritten);
    }
    return (THREADS.getCurrentThreadCpuTime() - start) / 1_000.0 / rounds;
  }

  /** 1,000 DataRows as bench/cards-schema.sql fills bench_cards, back to back. */
  private static byte[] wire() {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (int id = 1; id <= ROWS; id++) {
      String payload = "4" + String.format("%014d", (long) id * 7919);
      List<byte[]> values = new ArrayList<>();
      values.add(utf8(Integer.toString(id)));
      values.add(utf8("Customer " + id));
      values.add(utf8("customer" + id + "@example.com"));
      values.add(utf8(payload + luhnDigit(payload)));
      values.add(
          utf8("loyalty tier " + (id % 5) + ", last order #" + (100000 + id * 7) + ", no remarks"));
      all.writeBytes(BackendEncoder.dataRow(values));
    }
    return all.toByteArray();
  }

  private static int luhnDigit(String payload) {
    int sum = 0;
    for (int i = 0; i < payload.length(); i++) {
      int d = payload.charAt(payload.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return (10 - sum % 10) % 10;
  }

  private static BackendMessage.Field field(String name, int typeOid) {
    return new BackendMessage.Field(name, 0, (short) 0, typeOid, (short) -1, -1, (short) 0);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
