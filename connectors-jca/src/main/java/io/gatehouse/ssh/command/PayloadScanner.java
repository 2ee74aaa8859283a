package io.gatehouse.ssh.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds code hidden in a command's arguments and parses it: {@code sh -c '…'}, {@code eval …},
 * here-documents fed to a shell, {@code su -c}, {@code env -S}, {@code find -exec …}. Code that
 * cannot be seen statically marks the command {@link CommandFlag#DYNAMIC_PROGRAM}.
 */
final class PayloadScanner {

  private static final Set<String> INLINE_CODE_OPTIONS =
      Set.of("-c", "-e", "-E", "-r", "--eval", "-p", "--print", "-x");
  private static final Set<String> FIND_EXEC = Set.of("-exec", "-execdir", "-ok", "-okdir");

  private final ScriptWalker walker;
  private final int depth;
  private final int maxDepth;
  private final Set<CommandFlag> inherited;

  PayloadScanner(ScriptWalker walker, int depth, int maxDepth, Set<CommandFlag> inherited) {
    this.walker = walker;
    this.depth = depth;
    this.maxDepth = maxDepth;
    this.inherited = inherited;
  }

  List<SimpleCommand> parsePayload(Word payload, Set<CommandFlag> owner)
      throws ShellSyntaxException {
    if (!payload.isStatic()) {
      owner.add(CommandFlag.DYNAMIC_PROGRAM);
      return List.of();
    }
    Script script = ShellParser.parse(payload.text(), depth + 1, maxDepth);
    return walker.script(
        script, depth + 1, ScriptWalker.with(inherited, CommandFlag.IN_SHELL_PAYLOAD));
  }

  List<SimpleCommand> scan(
      String program,
      List<Word> argv,
      Script.Simple node,
      Set<CommandFlag> own,
      List<SimpleCommand> substituted)
      throws ShellSyntaxException {
    boolean runsCode = ProgramKinds.isInterpreter(program) || isSourceOrEval(program);
    if (runsCode && substituted.stream().anyMatch(ProgramKinds::isDecoderOrDownloader)) {
      walker.markDecodingPipe(); // sh <(curl …), eval "$(base64 -d …)", bash -c "$(curl …)"
    }
    if (own.contains(CommandFlag.DYNAMIC_PROGRAM)) {
      return List.of();
    }
    if (ProgramKinds.isShell(program)) {
      return shell(argv, node, own);
    }
    return switch (program) {
      case "eval" -> eval(argv, own, substituted);
      case "source", "." -> {
        own.add(CommandFlag.SCRIPT_FILE);
        yield List.of();
      }
      case "su", "runuser" -> su(argv, own);
      case "find" -> findExec(argv, node);
      default -> {
        if (ProgramKinds.isInterpreter(program) && inlineCode(argv)) {
          own.add(CommandFlag.INLINE_CODE);
        }
        yield List.of();
      }
    };
  }

  private static boolean isSourceOrEval(String program) {
    return program.equals("eval") || program.equals("source") || program.equals(".");
  }

  /** {@code sh [options] [-c payload | script | (stdin)]}. */
  private List<SimpleCommand> shell(List<Word> argv, Script.Simple node, Set<CommandFlag> own)
      throws ShellSyntaxException {
    boolean commandMode = false;
    boolean stdinMode = false;
    int k = 1;
    for (; k < argv.size(); k++) {
      String arg = argv.get(k).text();
      if (arg.equals("--") || arg.equals("-")) {
        stdinMode |= arg.equals("-");
        k++;
        break;
      }
      if (arg.length() < 2 || arg.charAt(0) != '-' && arg.charAt(0) != '+') {
        break;
      }
      if (arg.startsWith("--")) {
        k += arg.equals("--rcfile") || arg.equals("--init-file") ? 1 : 0;
        continue;
      }
      commandMode |= arg.charAt(0) == '-' && arg.indexOf('c') > 0;
      stdinMode |= arg.charAt(0) == '-' && arg.indexOf('s') > 0;
      k += arg.endsWith("o") || arg.endsWith("O") ? 1 : 0;
    }
    if (k < argv.size()) {
      if (commandMode) {
        return parsePayload(argv.get(k), own);
      }
      if (stdinMode) {
        return node.stdinText() == null ? List.of() : parsePayload(node.stdinText(), own);
      }
      own.add(CommandFlag.SCRIPT_FILE);
      return List.of();
    }
    if (node.stdinText() != null) {
      return parsePayload(node.stdinText(), own);
    }
    if (!node.redirectTargets().isEmpty()) {
      own.add(CommandFlag.SCRIPT_FILE); // sh < file: code the gateway cannot see
    }
    return List.of();
  }

  private List<SimpleCommand> eval(
      List<Word> argv, Set<CommandFlag> own, List<SimpleCommand> substituted)
      throws ShellSyntaxException {
    if (!substituted.isEmpty()) {
      walker.markDecodingPipe(); // eval "$(…)": runs whatever the substitution prints
    }
    List<Word> args = argv.subList(1, argv.size());
    if (args.stream().anyMatch(w -> !w.isStatic())) {
      own.add(CommandFlag.DYNAMIC_PROGRAM);
      return List.of();
    }
    String joined = String.join(" ", args.stream().map(Word::text).toList());
    return args.isEmpty() ? List.of() : parsePayload(Word.literal(joined), own);
  }

  private List<SimpleCommand> su(List<Word> argv, Set<CommandFlag> own)
      throws ShellSyntaxException {
    for (int k = 1; k < argv.size(); k++) {
      String arg = argv.get(k).text();
      if (arg.startsWith("--command=")) {
        return parsePayload(Word.literal(arg.substring("--command=".length())), own);
      }
      if ((arg.equals("-c") || arg.equals("--command")) && k + 1 < argv.size()) {
        return parsePayload(argv.get(k + 1), own);
      }
    }
    return List.of();
  }

  /** {@code find … -exec rm {} ;}: the words up to {@code ;} or {@code +} are a command. */
  private List<SimpleCommand> findExec(List<Word> argv, Script.Simple node)
      throws ShellSyntaxException {
    List<SimpleCommand> out = new ArrayList<>();
    for (int k = 1; k < argv.size(); k++) {
      if (!FIND_EXEC.contains(argv.get(k).text())) {
        continue;
      }
      int end = k + 1;
      while (end < argv.size() && !argv.get(end).text().matches("[;+]")) {
        end++;
      }
      if (end > k + 1) {
        out.addAll(
            walker.fromWords(
                argv.subList(k + 1, end),
                node,
                depth + 1,
                ScriptWalker.with(inherited, CommandFlag.EXECUTED_BY_ARGUMENT),
                List.of()));
      }
      k = end;
    }
    return out;
  }

  private static boolean inlineCode(List<Word> argv) {
    return argv.stream().skip(1).anyMatch(w -> INLINE_CODE_OPTIONS.contains(w.text()));
  }
}
