package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8ChunksTest {

  private static final String TEXT = "naïve café 你好 😀 end\n";

  @Test
  void everySplitGivesTheSameTextWithoutBrokenCharacters() {
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    for (int split = 0; split <= bytes.length; split++) {
      for (int second = split; second <= bytes.length; second++) {
        Utf8Chunks chunks = new Utf8Chunks();
        String text =
            chunks.decode(bytes, 0, split)
                + chunks.decode(bytes, split, second - split)
                + chunks.decode(bytes, second, bytes.length - second);
        assertEquals(TEXT, text, "split at " + split + " and " + second);
      }
    }
  }

  @Test
  void bytesThatAreNotUtf8BecomeReplacementCharacters() {
    Utf8Chunks chunks = new Utf8Chunks();
    byte[] bytes = {'a', (byte) 0xff, 'b', (byte) 0xc3, (byte) 0x28, 'c'};
    assertEquals("a\uFFFDb\uFFFD(c", chunks.decode(bytes, 0, bytes.length));
  }

  @Test
  void anIncompleteCharacterWaitsForItsLastByte() {
    Utf8Chunks chunks = new Utf8Chunks();
    byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
    assertEquals("", chunks.decode(emoji, 0, 3), "three of four bytes: nothing yet");
    assertEquals("😀!", chunks.decode(new byte[] {emoji[3], '!'}, 0, 2));
  }
}
