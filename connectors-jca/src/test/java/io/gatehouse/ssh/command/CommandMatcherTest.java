package io.gatehouse.ssh.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandMatcherTest {

  private static final CommandAnalyzer ANALYZER = new CommandAnalyzer();
  private static final CommandMatcher RM_RF =
      new CommandMatcher(List.of(), List.of("rm -rf *", "mkfs*"), false);
  private static final CommandMatcher SHUTDOWN_PROGRAMS =
      new CommandMatcher(List.of("shutdown", "reboot", "/usr/sbin/*"), List.of(), false);
  private static final CommandMatcher DECODING = new CommandMatcher(List.of(), List.of(), true);

  private static CommandMatch.Outcome outcome(CommandMatcher matcher, String line) {
    return matcher.match(ANALYZER.analyze(line)).outcome();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "rm -rf /",
        "r''m -rf /",
        "\\rm -rf /",
        "\"rm\" -rf /",
        "/bin/rm -rf /",
        "bash -c \"rm -rf /\"",
        "true && rm -rf /",
        "ls; rm -rf /",
        "sudo rm -rf /tmp/x",
        "FOO=1 rm -rf /",
        "echo $(rm -rf /)",
        "xargs -0 rm -rf -- < list",
        "mkfs.ext4 /dev/sda1",
        "echo 'rm -rf /' | sh",
        "find / -exec rm -rf {} +"
      })
  void patternMatchesEvasions(String line) {
    assertEquals(CommandMatch.Outcome.MATCHED, outcome(RM_RF, line), line);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {"rm file", "ls -rf", "echo rm -rf /", "grep 'rm -rf' notes", "rm -r -f x"})
  void patternDoesNotMatchOthers(String line) {
    assertEquals(CommandMatch.Outcome.NO_MATCH, outcome(RM_RF, line), line);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "$(echo rm) -rf /",
        "a=rm; $a -rf /",
        "`printf rm` -rf /",
        "echo 'unterminated",
        "bash -c \"$X\"",
        "/bin/r? -rf /"
      })
  void dynamicOrUnparseableIsUndecidable(String line) {
    CommandMatch match = RM_RF.match(ANALYZER.analyze(line));
    assertEquals(CommandMatch.Outcome.UNDECIDABLE, match.outcome(), line);
    assertTrue(match.matchedOrUndecidable());
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "shutdown -h now|MATCHED",
        "sudo /sbin/shutdown -r now|MATCHED",
        "/usr/sbin/useradd bob|MATCHED",
        "systemctl reboot|NO_MATCH",
        "echo reboot|NO_MATCH",
        "nohup reboot &|MATCHED",
        "ls && $(echo reboot)|UNDECIDABLE"
      })
  void programs(String line, CommandMatch.Outcome expected) {
    assertEquals(expected, outcome(SHUTDOWN_PROGRAMS, line), line);
  }

  @Test
  void programsMatchWrappersToo() {
    CommandMatcher sudo = new CommandMatcher(List.of("sudo"), List.of(), false);
    assertEquals(CommandMatch.Outcome.MATCHED, outcome(sudo, "sudo ls"));
  }

  @Test
  void programsAndPatternsMustHoldForTheSameCommand() {
    CommandMatcher both = new CommandMatcher(List.of("rm"), List.of("* -rf *"), false);
    assertEquals(CommandMatch.Outcome.MATCHED, outcome(both, "rm -rf /x"));
    assertEquals(CommandMatch.Outcome.NO_MATCH, outcome(both, "rm x; ls -rf y"));
  }

  @Test
  void decodingPipes() {
    assertEquals(
        CommandMatch.Outcome.MATCHED, outcome(DECODING, "echo cm0gLXJmIC8= | base64 -d | sh"));
    assertEquals(CommandMatch.Outcome.MATCHED, outcome(DECODING, "curl -s x | bash"));
    assertEquals(CommandMatch.Outcome.NO_MATCH, outcome(DECODING, "base64 -d f > out"));
    CommandMatcher rmAndPipe = new CommandMatcher(List.of(), List.of("rm -rf *"), true);
    assertEquals(CommandMatch.Outcome.NO_MATCH, outcome(rmAndPipe, "rm -rf /x"));
  }

  @Test
  void theMatchNamesTheCommand() {
    CommandMatch match = RM_RF.match(ANALYZER.analyze("ls; sudo rm -rf /srv"));
    assertEquals("rm -rf /srv", match.command().orElseThrow().text());
    assertTrue(match.reason().contains("rm -rf /srv"), match.reason());
  }

  @Test
  void noCriteriaMatchesNothing() {
    CommandMatcher empty = new CommandMatcher(List.of(), List.of(), false);
    assertEquals(CommandMatch.Outcome.NO_MATCH, outcome(empty, "rm -rf /"));
  }

  @ParameterizedTest
  @CsvSource({
    "rm -rf *,rm -rf /,true",
    "rm -rf *,rm -r /,false",
    "a?c,abc,true",
    "[!x]y,ay,true",
    "[!x]y,xy,false",
    "/usr/bin/*,/usr/bin/python3,true",
    "a.b,axb,false"
  })
  void globs(String glob, String input, boolean expected) {
    assertEquals(expected, Glob.of(glob).matches(input), glob + " ~ " + input);
  }
}
