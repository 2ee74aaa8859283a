package io.gatehouse.web.admin.keys;

import io.gatehouse.control.application.ActionForbiddenException;
import io.gatehouse.control.application.IdentityKeyService;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.web.admin.UiCaller;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Backs keys.xhtml: every identity's SSH keys, and an administrator's delete, as {@code DELETE
 * /api/v1/identities/{identity}/keys/{fingerprint}}. The row's Delete only picks the key; the box
 * above the list asks for an optional reason (the key's clients are told) and deletes. The service
 * refuses anyone but an administrator.
 */
@Named
@ViewScoped
public class KeyListBean implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB transient IdentityKeyService keys;
  @Inject transient UiCaller caller;

  private List<KeyRow> rows;
  private String only;
  private String identity;
  private String fingerprint;
  private String reason;

  /** The keys of the identity in {@code ?identity=} (kept across postbacks), or everyone's. */
  @PostConstruct
  void init() {
    only =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("identity");
    load();
  }

  private void load() {
    rows = keys.listAll(caller.get(), only).stream().map(KeyRow::of).toList();
  }

  /** The identity the list is narrowed to, or null. */
  public String getOnly() {
    return only;
  }

  public List<KeyRow> getKeys() {
    return rows;
  }

  public void ask(String identity, String fingerprint) {
    this.identity = identity;
    this.fingerprint = fingerprint;
    this.reason = null;
  }

  public void cancel() {
    identity = null;
    fingerprint = null;
    reason = null;
  }

  public void delete() {
    if (fingerprint == null) {
      return;
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      keys.deleteAny(caller.get(), identity, fingerprint, reason);
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_INFO,
              "Key deleted",
              fingerprint + " of " + identity + "; its open sessions are being ended."));
    } catch (ActionForbiddenException | ResourceNotFoundException | SecurityException e) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Key not deleted", e.getMessage()));
    }
    cancel();
    load();
  }

  public String getIdentity() {
    return identity;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
