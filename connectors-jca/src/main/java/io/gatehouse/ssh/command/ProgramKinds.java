package io.gatehouse.ssh.command;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Which programs decode, download or interpret: the ingredients of a decoding pipe. */
final class ProgramKinds {

  private static final Pattern SHELL = Pattern.compile("(ba|z|da|k|a|mk|c|tc|fi|ya|po)?sh");
  private static final Pattern INTERPRETER =
      Pattern.compile("(python|perl|ruby|node|nodejs|php|lua|tclsh|pwsh|Rscript)[0-9.]*");
  private static final Set<String> ALWAYS_DECODING =
      Set.of(
          "gunzip",
          "zcat",
          "gzcat",
          "bunzip2",
          "bzcat",
          "unxz",
          "xzcat",
          "lzcat",
          "unlzma",
          "unzstd",
          "zstdcat",
          "uncompress",
          "uudecode",
          "unzip",
          "funzip");
  private static final Set<String> DECODING_WITH_D =
      Set.of("base64", "base32", "basenc", "gzip", "bzip2", "xz", "lzma", "zstd", "openssl");
  private static final Set<String> DOWNLOADERS =
      Set.of("curl", "wget", "fetch", "aria2c", "nc", "ncat", "netcat", "socat", "tftp");

  private ProgramKinds() {}

  static boolean isShell(String program) {
    return SHELL.matcher(program).matches();
  }

  static boolean isInterpreter(String program) {
    return isShell(program) || INTERPRETER.matcher(program).matches();
  }

  /** Produces decoded or downloaded bytes on stdout. */
  static boolean isDecoderOrDownloader(SimpleCommand command) {
    String program = command.program();
    List<String> args = command.argv().subList(1, command.argv().size());
    if (ALWAYS_DECODING.contains(program) || DOWNLOADERS.contains(program)) {
      return true;
    }
    if (program.equals("xxd")) {
      return args.stream().anyMatch(a -> a.equals("-revert") || shortFlag(a, 'r'));
    }
    if (program.equals("tr") || program.equals("rev")) {
      return false; // rot13 and friends: too common to flag, documented as a gap
    }
    return DECODING_WITH_D.contains(program)
        && args.stream()
            .anyMatch(a -> a.equals("--decode") || a.equals("--decompress") || shortFlag(a, 'd'));
  }

  private static boolean shortFlag(String arg, char flag) {
    return arg.startsWith("-")
        && !arg.startsWith("--")
        && arg.indexOf(flag) > 0
        && arg.length() < 6;
  }

  /** An interpreter that takes its program from stdin: no script operand, or {@code -}. */
  static boolean readsCodeFromStdin(SimpleCommand command) {
    if (!isInterpreter(command.program())
        || command.has(CommandFlag.INLINE_CODE)
        || command.has(CommandFlag.SCRIPT_FILE)) {
      return false;
    }
    List<String> args = command.argv().subList(1, command.argv().size());
    for (String arg : args) {
      if (arg.equals("-") || arg.equals("-s") || arg.equals("/dev/stdin")) {
        return true;
      }
      if (!arg.startsWith("-")) {
        return false;
      }
    }
    return true;
  }

  private static final Set<String> SWITCH_USER = Set.of("su", "runuser");
  private static final Set<String> MULTIPLEXERS = Set.of("tmux", "screen", "byobu");

  /**
   * Starts something that takes its commands from the channel's input rather than from the line: a
   * shell or interpreter reading its program from stdin ({@code bash}, {@code sh -s}, {@code
   * python3 -}), a user switch without a command ({@code su -}, {@code sudo -i}, {@code sudo -s},
   * {@code doas -s}), {@code script} without {@code -c}, or a terminal multiplexer.
   */
  static boolean startsShell(SimpleCommand command) {
    String program = command.program();
    List<String> args = command.argv().subList(1, command.argv().size());
    if (readsCodeFromStdin(command) || MULTIPLEXERS.contains(program)) {
      return true;
    }
    if (SWITCH_USER.contains(program)) {
      return args.stream()
          .noneMatch(
              a ->
                  a.equals("-c")
                      || a.startsWith("--command")
                      || a.equals("-u") && program.equals("runuser"));
    }
    if (program.equals("sudo") || program.equals("doas")) {
      // Only a wrapper with nothing wrapped is left as the program itself (`sudo -i`, `doas -s`).
      return args.stream()
          .anyMatch(
              a ->
                  a.equals("--login")
                      || a.equals("--shell")
                      || a.startsWith("-")
                          && !a.startsWith("--")
                          && (a.indexOf('i') > 0 || a.indexOf('s') > 0));
    }
    if (program.equals("script")) {
      return args.stream().noneMatch(a -> a.equals("-c") || a.startsWith("--command"));
    }
    return false;
  }
}
