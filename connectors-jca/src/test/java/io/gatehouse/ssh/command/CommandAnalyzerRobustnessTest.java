package io.gatehouse.ssh.command;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random shell-ish noise: the analyzer answers every line, parsed or refused, and never throws. */
class CommandAnalyzerRobustnessTest {

  private static final String ALPHABET = "ab rm-$(){}[]'\"`\\;&|<>#=*?!\n\t$'{,}0x";

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void randomLinesNeverThrow() {
    CommandAnalyzer analyzer = new CommandAnalyzer();
    Random random = new Random(20261123);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder line = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        line.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = line.toString();
      CommandLineAnalysis analysis;
      try {
        analysis = analyzer.analyze(text);
      } catch (RuntimeException e) {
        throw new AssertionError("analyze threw on " + escape(text), e);
      }
      assertNotNull(analysis);
      assertTrue(analysis.parseable() || analysis.commands().isEmpty(), text);
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
  }
}
