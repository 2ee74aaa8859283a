package io.gatehouse.web.admin.connections;

import io.gatehouse.web.admin.DeleteConfirmation;
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

  private final DeleteConfirmation deletion = new DeleteConfirmation("Connection");

  @PostConstruct
  void init() {
    connections = facade.list();
    accessGroups = facade.accessGroups();
  }

  public DeleteConfirmation getDeletion() {
    return deletion;
  }

  /** The confirmed delete (administrators only: the facade checks again), then the list anew. */
  public void delete() {
    deletion.confirm(facade::delete);
    init();
  }

  public List<AccessGroupRow> getAccessGroups() {
    return accessGroups;
  }

  public List<ConnectionRow> getConnections() {
    return connections;
  }
}
