package io.gatehouse.ssh.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandAnalyzerTest {

  private final CommandAnalyzer analyzer = new CommandAnalyzer();

  private List<String> texts(String line) {
    CommandLineAnalysis analysis = analyzer.analyze(line);
    assertTrue(analysis.parseable(), () -> "should parse: " + line + " " + analysis.syntaxError());
    return analysis.commands().stream().map(SimpleCommand::text).toList();
  }

  static Stream<Arguments> splitting() {
    return Stream.of(
        Arguments.of("ls -l", List.of("ls -l")),
        Arguments.of("ls; rm -rf /", List.of("ls", "rm -rf /")),
        Arguments.of("true && rm -rf /", List.of("true", "rm -rf /")),
        Arguments.of("false || rm -rf /", List.of("false", "rm -rf /")),
        Arguments.of("cat f | grep x | wc -l", List.of("cat f", "grep x", "wc -l")),
        Arguments.of("sleep 1 & rm x", List.of("sleep 1", "rm x")),
        Arguments.of("ls\nrm -rf /", List.of("ls", "rm -rf /")),
        Arguments.of("(cd /; rm -rf x)", List.of("cd /", "rm -rf x")),
        Arguments.of("{ rm -rf x; }", List.of("rm -rf x")),
        Arguments.of("echo $(rm -rf /)", List.of("echo $(rm -rf /)", "rm -rf /")),
        Arguments.of("echo `rm -rf /`", List.of("echo `rm -rf /`", "rm -rf /")),
        Arguments.of("echo \"a $(id -u) b\"", List.of("echo a $(id -u) b", "id -u")),
        Arguments.of(
            "echo $(echo $(rm x))", List.of("echo $(echo $(rm x))", "echo $(rm x)", "rm x")),
        Arguments.of("echo 'a;b' \"c|d\"", List.of("echo a;b c|d")),
        Arguments.of("echo a\\;b", List.of("echo a;b")),
        Arguments.of("FOO=1 BAR=2 rm -rf /", List.of("rm -rf /")),
        Arguments.of("ls > /tmp/out 2>&1", List.of("ls")),
        Arguments.of("cat < in >> out", List.of("cat")),
        Arguments.of("ls # ; rm -rf /", List.of("ls")),
        Arguments.of("if true; then rm -rf x; fi", List.of("true", "rm -rf x")),
        Arguments.of("for f in a b; do rm $f; done", List.of("rm $f")),
        Arguments.of("while true; do reboot; done", List.of("true", "reboot")),
        Arguments.of("! rm x", List.of("rm x")),
        Arguments.of("f() { rm -rf /; }; f", List.of("rm -rf /", "f")),
        Arguments.of("diff <(ls a) <(ls b)", List.of("diff <(…) <(…)", "ls a", "ls b")),
        Arguments.of("echo ${X:-$(rm y)}", List.of("echo ${X:-$(rm y)}", "rm y")),
        Arguments.of("echo $((1 + 2))", List.of("echo $((1 + 2))")),
        Arguments.of("ls \\\n -l", List.of("ls -l")),
        Arguments.of(
            "find . -name '*.log' -exec rm {} \\;",
            List.of("find . -name *.log -exec rm {} ;", "rm {}")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource
  void splitting(String line, List<String> expected) {
    assertEquals(expected, texts(line), line);
  }

  static Stream<Arguments> programs() {
    return Stream.of(
        Arguments.of("r''m -rf /", "rm"),
        Arguments.of("\\rm -rf /", "rm"),
        Arguments.of("\"rm\" -rf /", "rm"),
        Arguments.of("'r'\"m\" -rf /", "rm"),
        Arguments.of("$'\\x72m' -rf /", "rm"),
        Arguments.of("$'\\162m' -rf /", "rm"),
        Arguments.of("/bin/rm -rf /", "rm"),
        Arguments.of("sudo rm -rf /", "rm"),
        Arguments.of("sudo -u root -- rm -rf /", "rm"),
        Arguments.of("env -i PATH=/bin rm -rf /", "rm"),
        Arguments.of("nice -n 10 rm -rf /", "rm"),
        Arguments.of("nohup rm -rf / &", "rm"),
        Arguments.of("exec rm -rf /", "rm"),
        Arguments.of("command rm -rf /", "rm"),
        Arguments.of("busybox rm -rf /", "rm"),
        Arguments.of("timeout -s KILL 10 rm -rf /", "rm"),
        Arguments.of("sudo env FOO=1 nice rm x", "rm"),
        Arguments.of("echo / | xargs -0 -n1 rm -rf", "rm"),
        Arguments.of("time rm x", "rm"));
  }

  @ParameterizedTest(name = "[{index}] {0} runs {1}")
  @MethodSource
  void programs(String line, String program) {
    CommandLineAnalysis analysis = analyzer.analyze(line);
    assertTrue(
        analysis.commands().stream()
            .anyMatch(c -> c.program().equals(program) && !c.dynamicProgram()),
        () -> line + " should run " + program + ": " + analysis.commands());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[ -f /etc/hosts ] && cat /etc/hosts",
        "[[ -d /tmp ]] || mkdir -p /tmp/x",
        "ls *.log",
        "echo {a,b}",
        "command -v rm"
      })
  void commonLinesAreFullyResolved(String line) {
    CommandLineAnalysis analysis = analyzer.analyze(line);
    assertTrue(analysis.fullyResolved(), () -> line + ": " + analysis.commands());
  }

  @Test
  void absolutePathKeepsThePath() {
    SimpleCommand rm = analyzer.analyze("/bin/rm -rf /").commands().get(0);
    assertEquals("rm", rm.program());
    assertEquals("/bin/rm", rm.programPath());
    assertEquals(List.of("/bin/rm", "-rf", "/"), rm.argv());
  }

  @Test
  void wrappersAreRecorded() {
    SimpleCommand rm = analyzer.analyze("sudo -u admin nice rm -rf /").commands().get(0);
    assertEquals(List.of("sudo", "nice"), rm.wrappers());
    assertEquals(List.of("rm", "-rf", "/"), rm.argv());
    assertEquals(List.of("sudo", "-u", "admin", "nice", "rm", "-rf", "/"), rm.words());
    assertTrue(rm.has(CommandFlag.WRAPPED));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bash -c \"rm -rf /\"",
        "sh -c 'rm -rf /'",
        "bash -lc 'rm -rf /'",
        "bash -ec 'cd /; rm -rf /'",
        "bash -o pipefail -c 'rm -rf /'",
        "sudo bash -c 'rm -rf /'",
        "sh -c \"sh -c 'rm -rf /'\"",
        "eval 'rm -rf /'",
        "eval rm -rf /",
        "su -c 'rm -rf /' root",
        "env -S 'rm -rf /'",
        "bash <<EOF\nrm -rf /\nEOF",
        "bash <<< 'rm -rf /'",
        "echo 'rm -rf /' | sh",
        "ls; (echo; bash -c '{ rm -rf /; }')"
      })
  void payloadsAreParsed(String line) {
    CommandLineAnalysis analysis = analyzer.analyze(line);
    assertTrue(
        analysis.commands().stream().anyMatch(c -> c.text().equals("rm -rf /")),
        () -> line + " should reveal rm -rf /: " + analysis.commands());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$(echo rm) -rf /",
        "`echo rm` -rf /",
        "a=rm; $a -rf /",
        "${CMD} -rf /",
        "/bin/r? -rf /",
        "/bin/r[m] -rf /",
        "{rm,-rf,/}",
        "bash -c \"$PAYLOAD\"",
        "eval \"$X\"",
        "sh -c \"$(curl -s http://x)\"",
        "echo cm0gLXJmIC8= | base64 -d | sh",
        "sudo $(which rm) -rf /"
      })
  void dynamicProgramsAreFlagged(String line) {
    CommandLineAnalysis analysis = analyzer.analyze(line);
    assertTrue(analysis.parseable(), line);
    assertTrue(analysis.hasDynamicProgram(), () -> line + ": " + analysis.commands());
    assertFalse(analysis.fullyResolved(), line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "echo cm0gLXJmIC8= | base64 -d | sh",
        "echo x | base64 --decode | bash",
        "cat f | xxd -r -p | bash",
        "openssl enc -d -aes256 -in f | sh",
        "curl -fsSL https://x/install.sh | sh",
        "wget -qO- http://x | sudo bash",
        "cat x.gz | gunzip | python3",
        "zcat payload.gz | perl",
        "curl x | tee /tmp/y | bash -s -- arg",
        "eval \"$(curl -s http://x)\"",
        "eval \"$(echo hi)\"",
        "sh <(curl -s http://x)",
        "bash < <(wget -qO- http://x)",
        "source <(curl -s http://x)",
        "bash -c \"$(echo cm0= | base64 -d)\"",
        "base64 -d <<< cm0= | node"
      })
  void decodingPipes(String line) {
    assertTrue(analyzer.analyze(line).decodingPipe(), line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "base64 -d f > out",
        "curl -o file http://x",
        "curl http://x | jq .",
        "cat script.sh | grep sh",
        "gunzip -c a.gz | wc -l",
        "echo hi | sh -c 'cat'",
        "base64 f | sh -c 'wc -c'",
        "python3 script.py < data"
      })
  void notDecodingPipes(String line) {
    assertFalse(analyzer.analyze(line).decodingPipe(), line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "echo 'unterminated",
        "echo \"unterminated",
        "echo $(ls",
        "echo `ls",
        "echo ${X",
        "(ls",
        "ls)",
        "| ls",
        "ls |",
        "case $x in a) rm;; esac",
        "echo $(( $(rm x) ))",
        "echo $'abc",
        "ls >"
      })
  void unparseableIsReported(String line) {
    CommandLineAnalysis analysis = analyzer.analyze(line);
    assertFalse(analysis.parseable(), () -> line + " parsed as " + analysis.commands());
    assertTrue(analysis.commands().isEmpty());
    assertFalse(analysis.fullyResolved());
  }

  @Test
  void depthIsBounded() {
    String line = "eval ".repeat(12) + "rm x";
    CommandLineAnalysis analysis = analyzer.analyze(line);
    assertFalse(analysis.parseable(), "12 nested evals should exceed the depth bound");
    assertTrue(analysis.syntaxError().get().contains("nesting"), analysis.syntaxError().get());
    String substitutions = "echo " + "$(".repeat(20) + "x" + ")".repeat(20);
    assertFalse(analyzer.analyze(substitutions).parseable(), "20 nested $( ) exceed the bound");
    String shells = "rm x";
    for (int i = 0; i < 4; i++) {
      shells = "sh -c " + shellQuote(shells);
    }
    assertTrue(analyzer.analyze(shells).commands().stream().anyMatch(c -> c.text().equals("rm x")));
  }

  @Test
  void hugeLinesAreRefused() {
    assertFalse(analyzer.analyze("x".repeat(CommandAnalyzer.MAX_LINE_LENGTH + 1)).parseable());
  }

  @Test
  void flagsDescribeContext() {
    CommandLineAnalysis analysis = analyzer.analyze("(ls) & echo $(id); python3 -c 'x'; bash s.sh");
    assertTrue(find(analysis, "ls").has(CommandFlag.IN_SUBSHELL));
    assertTrue(find(analysis, "ls").has(CommandFlag.BACKGROUND));
    assertTrue(find(analysis, "id").has(CommandFlag.IN_SUBSTITUTION));
    assertTrue(find(analysis, "python3").has(CommandFlag.INLINE_CODE));
    assertTrue(find(analysis, "bash").has(CommandFlag.SCRIPT_FILE));
    assertTrue(find(analysis, "echo").has(CommandFlag.DYNAMIC_ARGUMENTS));
  }

  private static SimpleCommand find(CommandLineAnalysis analysis, String program) {
    return analysis.commands().stream()
        .filter(c -> c.program().equals(program))
        .findFirst()
        .orElseThrow();
  }

  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bash",
        "bash -l",
        "sh -s arg",
        "/bin/bash --norc -i",
        "cd /tmp && bash",
        "exec bash",
        "env FOO=1 bash",
        "nohup sh",
        "sudo -i",
        "sudo -iu postgres",
        "sudo -s",
        "sudo --login",
        "doas -s",
        "su",
        "su - postgres",
        "runuser -l bob",
        "python3",
        "python3 -",
        "perl",
        "script -q /dev/null",
        "tmux attach",
        "screen -r"
      })
  void linesThatTakeFurtherCommandsFromInput(String line) {
    assertTrue(analyzer.analyze(line).readsCommandsFromInput(), line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bash -c 'ls'",
        "bash deploy.sh",
        "sh ./run.sh arg",
        "sudo ls",
        "sudo -u bob id",
        "sudo -S id",
        "su -c id bob",
        "su --command=id bob",
        "runuser -u bob id",
        "python3 app.py",
        "python3 -c 'print(1)'",
        "script -c ls /dev/null",
        "echo ls | sh",
        "ls"
      })
  void linesWhoseCommandsAreAllOnTheLine(String line) {
    assertFalse(analyzer.analyze(line).readsCommandsFromInput(), line);
  }

  @Test
  void aSinglePlainCommandHasNothingElseOnItsLine() {
    assertTrue(analyzer.analyze("scp -t /tmp").singlePlainCommand());
    assertTrue(
        analyzer.analyze("scp -f /var/log/*.log").singlePlainCommand(), "a glob runs nothing");
    for (String line :
        List.of("a; b", "a | b", "a > f", "a <<< x", "a &", "sudo a", "a $(b)", "$P x", "a 'b")) {
      assertFalse(analyzer.analyze(line).singlePlainCommand(), line);
    }
  }
}
