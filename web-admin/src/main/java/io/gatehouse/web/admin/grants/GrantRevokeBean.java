package io.gatehouse.web.admin.grants;

import io.gatehouse.control.application.ActionForbiddenException;
import io.gatehouse.control.application.GrantService;
import io.gatehouse.control.application.GrantView;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.web.admin.UiCaller;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Revoking an active grant from grants.xhtml, as {@code POST /api/v1/grants/{id}/revoke}: the row's
 * Revoke only picks the grant; the box above the list asks for the reason (required, the holder's
 * clients are told) and revokes. Who may is the service's rule: an administrator, a member of the
 * connection's approver groups, or the grant's holder; anyone else gets its refusal.
 */
@Named
@ViewScoped
public class GrantRevokeBean implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB transient GrantService grants;
  @Inject transient UiCaller caller;
  @Inject transient GrantListBean list;

  private String grantId;
  private String holder;
  private String connection;
  private String reason;

  public void ask(String id, String holder, String connection) {
    this.grantId = id;
    this.holder = holder;
    this.connection = connection;
    this.reason = null;
  }

  public void cancel() {
    grantId = null;
    reason = null;
  }

  public void revoke() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (grantId == null) {
      return;
    }
    try {
      GrantView revoked = grants.revoke(caller.get(), grantId, reason == null ? "" : reason);
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_INFO,
              "Grant revoked",
              revoked.identity() + " on " + revoked.connection() + ": " + reason.strip()));
      cancel();
      list.refresh();
    } catch (InvalidRequestException e) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR,
              "Not revoked",
              "A reason is required: the holder's clients are told."));
    } catch (ActionForbiddenException
        | ResourceConflictException
        | ResourceNotFoundException
        | SecurityException e) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Not revoked", e.getMessage()));
      cancel();
    }
  }

  public String getGrantId() {
    return grantId;
  }

  public String getHolder() {
    return holder;
  }

  public String getConnection() {
    return connection;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
