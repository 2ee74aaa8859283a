package io.gatehouse.ssh.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Turns a parsed {@link Script} into the simple commands it runs, recursing into payloads. */
final class ScriptWalker {

  private static final Set<String> KEYWORDS =
      Set.of("!", "{", "}", "if", "then", "else", "elif", "fi", "do", "done", "while", "until");
  private static final Set<String> HEADERS = Set.of("for", "select");

  private final int maxDepth;
  private boolean decodingPipe;

  ScriptWalker(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  boolean decodingPipe() {
    return decodingPipe;
  }

  void markDecodingPipe() {
    decodingPipe = true;
  }

  List<SimpleCommand> script(Script script, int depth, Set<CommandFlag> flags)
      throws ShellSyntaxException {
    List<SimpleCommand> all = new ArrayList<>();
    for (Script.Pipeline pipeline : script.pipelines()) {
      Set<CommandFlag> stageFlags =
          with(flags, pipeline.background() ? CommandFlag.BACKGROUND : null);
      List<List<SimpleCommand>> stages = new ArrayList<>();
      for (Script.Node node : pipeline.elements()) {
        List<SimpleCommand> stage =
            node instanceof Script.Group group
                ? script(group.body(), depth + 1, with(stageFlags, CommandFlag.IN_SUBSHELL))
                : simple((Script.Simple) node, depth, stageFlags);
        stages.add(stage);
      }
      checkPipeline(stages);
      for (int i = 0; i < stages.size(); i++) {
        all.addAll(
            i == 0 ? stages.get(0) : codeFromPipe(stages.get(i - 1), stages.get(i), depth, flags));
      }
    }
    return all;
  }

  /**
   * An interpreter reading its program from a pipe runs data, not code the gateway saw: it is a
   * dynamic program. When the writer is a plain {@code echo}, its text is parsed too, so patterns
   * still see {@code echo 'rm -rf /' | sh}.
   */
  private List<SimpleCommand> codeFromPipe(
      List<SimpleCommand> writer, List<SimpleCommand> stage, int depth, Set<CommandFlag> flags)
      throws ShellSyntaxException {
    List<SimpleCommand> out = new ArrayList<>();
    for (SimpleCommand command : stage) {
      boolean direct =
          !command.has(CommandFlag.IN_SUBSTITUTION) || flags.contains(CommandFlag.IN_SUBSTITUTION);
      if (!direct || !ProgramKinds.readsCodeFromStdin(command)) {
        out.add(command);
        continue;
      }
      out.add(command.withFlag(CommandFlag.DYNAMIC_PROGRAM));
      SimpleCommand echo = writer.isEmpty() ? null : writer.get(0);
      if (echo != null
          && echo.program().equals("echo")
          && !echo.has(CommandFlag.DYNAMIC_ARGUMENTS)) {
        List<String> args = echo.argv().subList(1, echo.argv().size());
        while (!args.isEmpty() && args.get(0).matches("-[neE]+")) {
          args = args.subList(1, args.size());
        }
        Script script = ShellParser.parse(String.join(" ", args), depth + 1, maxDepth);
        out.addAll(script(script, depth + 1, with(flags, CommandFlag.IN_SHELL_PAYLOAD)));
      }
    }
    return out;
  }

  /** A decoder or downloader in one stage feeding an interpreter in a later stage. */
  private void checkPipeline(List<List<SimpleCommand>> stages) {
    boolean decoded = false;
    for (List<SimpleCommand> stage : stages) {
      if (decoded && stage.stream().anyMatch(ProgramKinds::readsCodeFromStdin)) {
        decodingPipe = true;
      }
      decoded |= stage.stream().anyMatch(ProgramKinds::isDecoderOrDownloader);
    }
  }

  private List<SimpleCommand> simple(Script.Simple node, int depth, Set<CommandFlag> flags)
      throws ShellSyntaxException {
    List<SimpleCommand> substituted = new ArrayList<>();
    List<Word> everyWord = new ArrayList<>(node.words());
    everyWord.addAll(node.redirectTargets());
    for (Word word : everyWord) {
      for (Script sub : word.substitutions()) {
        substituted.addAll(script(sub, depth + 1, with(flags, CommandFlag.IN_SUBSTITUTION)));
      }
    }
    List<SimpleCommand> out = new ArrayList<>();
    int start = firstCommandWord(node.words());
    if (start >= 0) {
      out.addAll(
          fromWords(
              node.words().subList(start, node.words().size()), node, depth, flags, substituted));
    }
    out.addAll(substituted);
    return out;
  }

  /** The index of the first word after assignments and keywords, or -1 if nothing runs. */
  private static int firstCommandWord(List<Word> words) throws ShellSyntaxException {
    int i = 0;
    while (i < words.size()) {
      Word word = words.get(i);
      String text = word.text();
      if (word.assignmentCandidate() || word.isStatic() && KEYWORDS.contains(text)) {
        i++;
      } else if (word.isStatic() && (text.equals("case") || text.equals("esac"))) {
        throw new ShellSyntaxException("unsupported syntax: case statements");
      } else if (word.isStatic() && text.equals("function")) {
        i += 2;
      } else if (word.isStatic() && HEADERS.contains(text)) {
        return -1;
      } else {
        return i;
      }
    }
    return -1;
  }

  /** Builds the command run by {@code words} (wrappers, payloads, {@code find -exec}). */
  List<SimpleCommand> fromWords(
      List<Word> words,
      Script.Simple node,
      int depth,
      Set<CommandFlag> flags,
      List<SimpleCommand> substituted)
      throws ShellSyntaxException {
    CommandWrappers.Unwrapped unwrapped = CommandWrappers.unwrap(words, 0);
    List<Word> argv = words.subList(unwrapped.programIndex(), words.size());
    Word programWord = argv.get(0);
    EnumSet<CommandFlag> own = EnumSet.noneOf(CommandFlag.class);
    own.addAll(flags);
    if (!unwrapped.wrappers().isEmpty()) {
      own.add(CommandFlag.WRAPPED);
    }
    if (!programWord.isStatic()) {
      own.add(CommandFlag.DYNAMIC_PROGRAM);
    }
    if (argv.stream().skip(1).anyMatch(w -> !w.isStatic())) {
      own.add(CommandFlag.DYNAMIC_ARGUMENTS);
    }
    if (!node.redirectTargets().isEmpty() || node.stdinText() != null) {
      own.add(CommandFlag.REDIRECTED);
    }
    String path = programWord.text();
    String program = programWord.isStatic() ? CommandWrappers.basename(path) : path;
    PayloadScanner payloads = new PayloadScanner(this, depth, maxDepth, flags);
    List<SimpleCommand> nested = new ArrayList<>();
    if (unwrapped.splitString() != null) {
      nested.addAll(payloads.parsePayload(unwrapped.splitString(), own));
    }
    nested.addAll(payloads.scan(program, argv, node, own, substituted));
    SimpleCommand command =
        new SimpleCommand(program, path, texts(argv), texts(words), unwrapped.wrappers(), own);
    List<SimpleCommand> out = new ArrayList<>();
    out.add(command);
    out.addAll(nested);
    return out;
  }

  private static List<String> texts(List<Word> words) {
    return words.stream().map(Word::text).toList();
  }

  static Set<CommandFlag> with(Set<CommandFlag> flags, CommandFlag extra) {
    EnumSet<CommandFlag> copy = EnumSet.noneOf(CommandFlag.class);
    copy.addAll(flags);
    if (extra != null) {
      copy.add(extra);
    }
    return copy;
  }
}
