package io.gatehouse.web.admin.policies;

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

  @PostConstruct
  void init() {
    policies = facade.list();
  }

  public List<PolicyRow> getPolicies() {
    return policies;
  }
}
