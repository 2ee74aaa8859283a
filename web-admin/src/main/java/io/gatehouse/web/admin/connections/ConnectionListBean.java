package io.gatehouse.web.admin.connections;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Backs connections.xhtml. */
@Named
@ViewScoped
public class ConnectionListBean implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject ConnectionsFacade facade;

  private List<ConnectionRow> connections;
  private List<AccessGroupRow> accessGroups;

  @PostConstruct
  void init() {
    connections = facade.list();
    accessGroups = facade.accessGroups();
  }

  public List<AccessGroupRow> getAccessGroups() {
    return accessGroups;
  }

  public List<ConnectionRow> getConnections() {
    return connections;
  }
}
