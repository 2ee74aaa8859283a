package io.gatehouse.control.application;

import java.util.List;

/** Configure connections. Every change is one transaction, applied whole or not at all. */
public interface ConnectionService {

  List<ConnectionView> list();

  /**
   * @throws ResourceNotFoundException if there is no such connection
   */
  ConnectionView get(String name);

  /**
   * @throws ResourceConflictException if the name is taken
   * @throws InvalidRequestException if the policy does not exist or the secret is missing
   */
  ConnectionView create(ConnectionSpec spec);

  /** Replaces all settings; the secret is kept unless the spec gives a new one. */
  ConnectionView replace(String name, ConnectionSpec spec);

  void delete(String name);
}
