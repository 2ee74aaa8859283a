package io.gatehouse.ssh.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Programs that run another program given in their arguments ({@code sudo rm}, {@code env FOO=1
 * rm}, {@code xargs rm}): for policy, the real program is the wrapped one.
 */
final class CommandWrappers {

  /**
   * How a wrapper's arguments look.
   *
   * @param shortWithArg short options that take an argument
   * @param longWithArg long options that take a separate argument
   * @param skipsAssignments {@code NAME=value} words may precede the program ({@code env})
   * @param positionals operands before the program ({@code timeout 10 cmd}: one)
   */
  private record Spec(
      String shortWithArg, Set<String> longWithArg, boolean skipsAssignments, int positionals) {}

  private static final Spec PLAIN = new Spec("", Set.of(), false, 0);
  private static final Map<String, Spec> SPECS =
      Map.ofEntries(
          Map.entry(
              "env", new Spec("uCS", Set.of("--unset", "--chdir", "--split-string"), true, 0)),
          Map.entry(
              "sudo",
              new Spec(
                  "ugChDprtTUR",
                  Set.of("--user", "--group", "--host", "--prompt", "--chdir", "--other-user"),
                  true,
                  0)),
          Map.entry("doas", new Spec("uC", Set.of(), false, 0)),
          Map.entry("nice", new Spec("n", Set.of("--adjustment"), false, 0)),
          Map.entry("ionice", new Spec("cnp", Set.of("--class", "--classdata"), false, 0)),
          Map.entry("nohup", PLAIN),
          Map.entry("setsid", PLAIN),
          Map.entry("builtin", PLAIN),
          Map.entry("busybox", PLAIN),
          Map.entry("command", PLAIN),
          Map.entry("time", new Spec("fo", Set.of("--format", "--output"), false, 0)),
          Map.entry("exec", new Spec("a", Set.of(), false, 0)),
          Map.entry("stdbuf", new Spec("ioe", Set.of(), false, 0)),
          Map.entry("timeout", new Spec("sk", Set.of("--signal", "--kill-after"), false, 1)),
          Map.entry("chroot", new Spec("", Set.of("--userspec", "--groups"), false, 1)),
          Map.entry(
              "flock", new Spec("wEc", Set.of("--timeout", "--conflict-exit-code"), false, 1)),
          Map.entry(
              "xargs",
              new Spec(
                  "adEILnPs",
                  Set.of("--arg-file", "--delimiter", "--max-args", "--max-procs", "--max-chars"),
                  false,
                  0)));

  /**
   * The result of unwrapping.
   *
   * @param programIndex the index of the real program's word
   * @param wrappers wrapper names, outermost first
   * @param splitString the argument of {@code env -S}, a command line of its own, or null
   */
  record Unwrapped(int programIndex, List<String> wrappers, Word splitString) {}

  private CommandWrappers() {}

  static Unwrapped unwrap(List<Word> words, int start) {
    List<String> wrappers = new ArrayList<>();
    Word[] splitString = new Word[1];
    int k = start;
    while (k < words.size() && words.get(k).isStatic()) {
      String name = basename(words.get(k).text());
      Spec spec = SPECS.get(name);
      if (spec == null) {
        break;
      }
      int next = skipOptions(spec, words, k + 1, splitString);
      if (next >= words.size()) {
        break; // nothing wrapped: the wrapper itself is the program (`sudo -i`, bare `env`)
      }
      wrappers.add(name);
      k = next;
    }
    return new Unwrapped(k, wrappers, splitString[0]);
  }

  private static int skipOptions(Spec spec, List<Word> words, int from, Word[] splitString) {
    int k = from;
    while (k < words.size()) {
      String arg = words.get(k).text();
      if (arg.equals("--")) {
        k++;
        break;
      }
      if (!arg.startsWith("-") || arg.equals("-") && !spec.skipsAssignments()) {
        break;
      }
      if (arg.startsWith("--")) {
        if (arg.startsWith("--split-string=")) {
          splitString[0] = Word.literal(arg.substring("--split-string=".length()));
        } else if (arg.equals("--split-string") && k + 1 < words.size()) {
          splitString[0] = words.get(k + 1);
        }
        k += spec.longWithArg().contains(arg) ? 2 : 1;
        continue;
      }
      k = skipShortCluster(spec, words, k, splitString);
    }
    while (spec.skipsAssignments() && k < words.size() && words.get(k).assignmentCandidate()) {
      k++;
    }
    return k + spec.positionals();
  }

  private static int skipShortCluster(Spec spec, List<Word> words, int k, Word[] splitString) {
    String arg = words.get(k).text();
    for (int j = 1; j < arg.length(); j++) {
      char option = arg.charAt(j);
      if (spec.shortWithArg().indexOf(option) < 0) {
        continue;
      }
      boolean separate = j == arg.length() - 1;
      if (option == 'S') {
        splitString[0] =
            separate && k + 1 < words.size()
                ? words.get(k + 1)
                : Word.literal(arg.substring(j + 1));
      }
      return separate ? k + 2 : k + 1;
    }
    return k + 1;
  }

  static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash >= 0 && slash < path.length() - 1 ? path.substring(slash + 1) : path;
  }
}
