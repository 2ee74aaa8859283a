package io.gatehouse.ssh.relay;

import java.util.Optional;

/** SPI: the target a connection name stands for, as the session plan says (empty: none). */
@FunctionalInterface
public interface TargetResolver {

  Optional<TargetEndpoint> resolve(String connectionName, String identity);
}
