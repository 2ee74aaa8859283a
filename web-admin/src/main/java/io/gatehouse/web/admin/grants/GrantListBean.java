package io.gatehouse.web.admin.grants;

import io.gatehouse.control.application.GrantService;
import io.gatehouse.web.admin.UiCaller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;

/** Backs grants.xhtml: every grant, newest first, with the time an active one has left. */
@Named
@RequestScoped
public class GrantListBean {

  @EJB GrantService grants;
  @Inject UiCaller caller;

  private List<GrantRow> rows;

  /** Reads the grants again when the page is rendered (after a revoke in the same request). */
  public void refresh() {
    rows = null;
  }

  public List<GrantRow> getGrants() {
    if (rows == null) {
      Instant now = Instant.now();
      rows = grants.list(caller.get()).stream().map(g -> GrantRow.of(g, now)).toList();
    }
    return rows;
  }
}
