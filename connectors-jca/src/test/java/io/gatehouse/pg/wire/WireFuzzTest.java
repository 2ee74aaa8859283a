package io.gatehouse.pg.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the framing and parsers. A plain {@code mvn verify} runs the
 * {@code @FuzzTest} in regression mode only (the inputs under {@code WireFuzzTestInputs/fuzzWire/}
 * plus an empty input); {@code scripts/fuzz-test.sh}, a step of the suite, fuzzes it with {@code
 * JAZZER_FUZZ=1} for {@code maxDuration}, the budget CI gives it (Jazzer 0.24's JUnit integration
 * takes the duration from this attribute alone). A finding fails that run and is written to that
 * inputs directory as {@code crash-*}, which every later build then replays. {@link
 * #mutatedSeedsKeepTheInvariant} adds a bounded, seeded random mutation run so the ordinary build
 * still exercises many malformed inputs.
 */
class WireFuzzTest {

  @FuzzTest(maxDuration = "60s")
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
