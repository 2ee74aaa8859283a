package io.gatehouse.control.identity;

import java.util.Set;

/** Who a verified access token names, and the groups it carries. */
public record VerifiedIdentity(String name, Set<String> groups) {

  public boolean inAnyGroup(Set<String> wanted) {
    for (String group : wanted) {
      if (groups.contains(group)) {
        return true;
      }
    }
    return false;
  }
}
