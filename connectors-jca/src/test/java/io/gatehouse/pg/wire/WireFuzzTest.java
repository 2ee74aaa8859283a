package io.gatehouse.pg.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the framing and parsers. A plain {@code mvn verify} runs the
 * {@code @FuzzTest} in regression mode (the seeds under {@code WireFuzzTestInputs/fuzzWire/} plus
 * an empty input); {@code JAZZER_FUZZ=1 mvn -pl connectors-jca test -Dtest=WireFuzzTest} fuzzes for
 * up to 5 minutes. {@link #mutatedSeedsKeepTheInvariant} adds a bounded, seeded random mutation run
 * so the ordinary build still exercises many malformed inputs.
 */
class WireFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void fuzzWire(byte[] input) {
    WireFuzzTarget.run(input);
  }

  @Test
  @Timeout(30)
  void mutatedSeedsKeepTheInvariant() {
    Random random = new Random(20240607L);
    byte[][] seeds = WireFuzzSeeds.all();
    for (int i = 0; i < 10_000; i++) {
      byte[] input = seeds[random.nextInt(seeds.length)].clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips && input.length > 0; f++) {
        input[random.nextInt(input.length)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        input = java.util.Arrays.copyOf(input, random.nextInt(input.length + 1));
      }
      WireFuzzTarget.run(input);
    }
  }
}
