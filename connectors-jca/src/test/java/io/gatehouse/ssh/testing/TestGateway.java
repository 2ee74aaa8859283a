package io.gatehouse.ssh.testing;

import io.gatehouse.ssh.command.CommandAnalyzer;
import io.gatehouse.ssh.command.CommandLineAnalysis;
import io.gatehouse.ssh.command.CommandMatch;
import io.gatehouse.ssh.command.CommandMatcher;
import io.gatehouse.ssh.relay.CommandGuard;
import io.gatehouse.ssh.relay.Decision;
import io.gatehouse.ssh.relay.GuardRequest;
import io.gatehouse.ssh.relay.SshRelay;
import io.gatehouse.ssh.relay.TargetEndpoint;
import io.gatehouse.ssh.server.AuthResult;
import io.gatehouse.ssh.server.GatewayAuthenticator;
import io.gatehouse.ssh.server.GatewaySshServer;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The gateway as the tests run it: server core plus relay, token "good-token" for every configured
 * connection, and a guard with one rule (no {@code rm -rf}) that fails closed.
 */
public final class TestGateway implements AutoCloseable {

  public static final String TOKEN = "good-token";
  public static final String RM_RF_MESSAGE = "rule no-rm-rf: 'rm -rf' is not allowed here";

  private final SshRelay relay;
  private final GatewaySshServer server;

  public TestGateway(Path hostKeys, Map<String, TargetEndpoint> targets) throws IOException {
    this(hostKeys, targets, null);
  }

  public TestGateway(Path hostKeys, Map<String, TargetEndpoint> targets, PublicKey userKey)
      throws IOException {
    this(hostKeys, targets, userKey, builder -> {});
  }

  public TestGateway(
      Path hostKeys,
      Map<String, TargetEndpoint> targets,
      PublicKey userKey,
      Consumer<GatewaySshServer.Builder> settings)
      throws IOException {
    relay =
        new SshRelay(
            (connection, identity) -> Optional.ofNullable(targets.get(connection)), guard());
    GatewaySshServer.Builder builder =
        GatewaySshServer.builder()
            .host("127.0.0.1")
            .port(0)
            .hostKeyDirectory(hostKeys)
            .authenticator(authenticator(targets, userKey))
            .handlers(relay.handlers());
    settings.accept(builder);
    server = builder.start();
  }

  public int port() {
    return server.port();
  }

  public GatewaySshServer server() {
    return server;
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      relay.close();
    }
  }

  private static GatewayAuthenticator authenticator(
      Map<String, TargetEndpoint> targets, PublicKey userKey) {
    return new GatewayAuthenticator() {
      @Override
      public AuthResult authenticatePassword(String connection, String password, SocketAddress c) {
        return targets.containsKey(connection) && TOKEN.equals(password)
            ? AuthResult.accept("alice")
            : AuthResult.reject("bad token or unknown connection");
      }

      @Override
      public AuthResult authenticatePublicKey(String connection, PublicKey key, SocketAddress c) {
        return targets.containsKey(connection) && key.equals(userKey)
            ? AuthResult.accept("alice-key")
            : AuthResult.reject("key not registered");
      }
    };
  }

  /** The guard a real policy would compile to: one blocking rule, fail closed. */
  public static CommandGuard guard() {
    CommandAnalyzer analyzer = new CommandAnalyzer();
    CommandMatcher rmRf = new CommandMatcher(List.of(), List.of("rm -rf *", "rm -fr *"), false);
    return (GuardRequest request) -> {
      if (request.kind() == GuardRequest.Kind.SUBSYSTEM) {
        return Decision.allow();
      }
      CommandLineAnalysis analysis = analyzer.analyze(request.commandLine());
      CommandMatch match = rmRf.match(analysis);
      if (match.matched()) {
        return Decision.deny(RM_RF_MESSAGE);
      }
      if (match.outcome() == CommandMatch.Outcome.UNDECIDABLE) {
        return Decision.deny("cannot check this command (" + match.reason() + ")");
      }
      return Decision.allow();
    };
  }
}
