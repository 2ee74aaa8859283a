package io.gatehouse.web.admin.connections;

import io.gatehouse.control.application.ConnectionView;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** An access group and the connections its members may open (without a grant). */
public record AccessGroupRow(String group, String connections, int count) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The groups named by {@code views}, by name, each with its connections by name. */
  static List<AccessGroupRow> of(List<ConnectionView> views) {
    Map<String, TreeSet<String>> byGroup = new TreeMap<>();
    for (ConnectionView v : views) {
      for (String group : v.accessGroups()) {
        byGroup.computeIfAbsent(group, g -> new TreeSet<>()).add(v.name());
      }
    }
    return byGroup.entrySet().stream()
        .map(
            e ->
                new AccessGroupRow(
                    e.getKey(), String.join(", ", e.getValue()), e.getValue().size()))
        .toList();
  }
}
