package io.gatehouse.control.identity;

import java.time.Instant;
import java.util.Set;

/** Who a verified access token names, the groups it carries, and when it expires. */
public record VerifiedIdentity(String name, Set<String> groups, Instant expiresAt) {

  public boolean inAnyGroup(Set<String> wanted) {
    for (String group : wanted) {
      if (groups.contains(group)) {
        return true;
      }
    }
    return false;
  }
}
