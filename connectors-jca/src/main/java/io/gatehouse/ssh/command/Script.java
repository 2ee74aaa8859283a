package io.gatehouse.ssh.command;

import java.util.List;

/** A parsed command list: pipelines separated by {@code ; && || &} or newlines. */
record Script(List<Pipeline> pipelines) {

  Script {
    pipelines = List.copyOf(pipelines);
  }

  /** Commands joined by {@code |}; a one-element pipeline is a plain command. */
  record Pipeline(List<Node> elements, boolean background) {
    Pipeline {
      elements = List.copyOf(elements);
    }
  }

  /** One element of a pipeline. */
  sealed interface Node permits Simple, Group {}

  /**
   * A simple command as written.
   *
   * @param words the words, assignments and wrappers included, redirections excluded
   * @param redirectTargets the words redirections refer to (files, process substitutions)
   * @param stdinText a here-document or here-string feeding the command, if any
   */
  record Simple(List<Word> words, List<Word> redirectTargets, Word stdinText) implements Node {
    Simple {
      words = List.copyOf(words);
      redirectTargets = List.copyOf(redirectTargets);
    }
  }

  /** A subshell {@code ( … )} or a brace group; brace groups are parsed as plain words. */
  record Group(Script body) implements Node {}
}
