package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.PolicyService;
import io.gatehouse.control.application.PolicyView;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.domain.model.connection.ConnectionRepository;
import io.gatehouse.control.domain.model.policy.PolicyRecord;
import io.gatehouse.control.domain.model.policy.PolicyRepository;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyParser;
import io.gatehouse.policy.PolicyValidationException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

@Stateless
public class DefaultPolicyService implements PolicyService {

  private static final Logger LOG = Logger.getLogger(DefaultPolicyService.class.getName());

  @Inject PolicyRepository policies;
  @Inject ConnectionRepository connections;

  @Override
  public List<PolicyView> list() {
    return policies.findAll().stream().map(this::view).toList();
  }

  @Override
  public PolicyView get(String name) {
    return view(require(name));
  }

  @Override
  public Stored put(String name, String json) {
    Policy policy;
    try {
      policy = PolicyParser.parse(json, name);
    } catch (PolicyValidationException e) {
      throw new InvalidRequestException("The policy document is not valid", e.violations());
    }
    Instant now = Instant.now();
    Optional<PolicyRecord> existing = policies.find(name);
    PolicyRecord record = existing.orElseGet(() -> new PolicyRecord(policy, now));
    existing.ifPresent(r -> r.replace(policy, now));
    policies.store(record);
    LOG.info(() -> "Policy " + name + (existing.isPresent() ? " replaced" : " created"));
    return new Stored(view(record), existing.isEmpty());
  }

  @Override
  public void delete(String name) {
    PolicyRecord record = require(name);
    long users = connections.countUsingPolicy(name);
    if (users > 0) {
      throw new ResourceConflictException(
          "Policy '"
              + name
              + "' is used by "
              + users
              + " connection(s); point them at another policy first");
    }
    policies.remove(record);
    LOG.info(() -> "Policy " + name + " deleted");
  }

  private PolicyRecord require(String name) {
    return policies
        .find(name)
        .orElseThrow(() -> new ResourceNotFoundException("No policy named '" + name + "'"));
  }

  private PolicyView view(PolicyRecord record) {
    Policy policy = record.policy();
    return new PolicyView(
        record.name(),
        policy.description(),
        policy.rules().size(),
        record.document(),
        record.version(),
        record.createdAt(),
        record.updatedAt(),
        connections.countUsingPolicy(record.name()));
  }
}
