package io.gatehouse.web.admin.policies;

import io.gatehouse.web.admin.DeleteConfirmation;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Backs policies.xhtml. */
@Named
@ViewScoped
public class PolicyListBean implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject PoliciesFacade facade;

  private List<PolicyRow> policies;

  private final DeleteConfirmation deletion = new DeleteConfirmation("Policy");

  @PostConstruct
  void init() {
    policies = facade.list();
  }

  public DeleteConfirmation getDeletion() {
    return deletion;
  }

  /** The confirmed delete (administrators only: the facade checks again), then the list anew. */
  public void delete() {
    deletion.confirm(facade::delete);
    init();
  }

  public List<PolicyRow> getPolicies() {
    return policies;
  }
}
