package io.gatehouse.policy;

import java.util.List;

/**
 * {@code when.command} (SSH exec and interactive lines).
 *
 * @param programs program names or globs ({@code rm}, {@code /usr/bin/*})
 * @param patterns globs over a whole simple command, words joined by one space
 * @param decodingPipes a decoder piped into a shell ({@code base64 -d | sh})
 */
public record CommandMatch(List<String> programs, List<String> patterns, boolean decodingPipes) {

  public CommandMatch {
    programs = List.copyOf(programs);
    patterns = List.copyOf(patterns);
    if (programs.isEmpty() && patterns.isEmpty() && !decodingPipes) {
      throw new IllegalArgumentException("a command match needs at least one criterion");
    }
  }
}
