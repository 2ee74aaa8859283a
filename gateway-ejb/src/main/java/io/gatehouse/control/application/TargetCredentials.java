package io.gatehouse.control.application;

/** What the data plane asks for to log in to a target: never exposed over any API. */
public interface TargetCredentials {

  /**
   * The opened credential of {@code connectionName}; close it once used.
   *
   * @throws ResourceNotFoundException if there is no such connection
   */
  TargetLogin open(String connectionName);
}
