package io.gatehouse.web.admin.connections;

import io.gatehouse.web.admin.FieldErrors;
import io.gatehouse.web.admin.SaveOutcome;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Backs connection-edit.xhtml[?name=…]: a new connection, or an existing one to change. */
@Named
@ViewScoped
public class ConnectionEditBean implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final List<String> TYPES = List.of("postgres", "ssh", "http", "kubernetes");
  public static final List<String> TLS_MODES = List.of("verify-full", "require", "disable");
  public static final List<String> SECRET_KINDS =
      List.of("password", "privateKey", "token", "clientKey");

  @Inject ConnectionsFacade facade;

  private String name;
  private ConnectionForm form = new ConnectionForm();
  private FieldErrors errors = new FieldErrors();
  private List<String> policyNames = List.of();
  private boolean missing;

  /** The view action: an existing connection when {@code name} is given, else a blank form. */
  public void load() {
    policyNames = facade.policyNames();
    if (name != null && !name.isBlank() && !FacesContext.getCurrentInstance().isPostback()) {
      facade.form(name).ifPresentOrElse(f -> form = f, () -> missing = true);
    }
  }

  public String save() {
    SaveOutcome outcome = facade.save(form, isNew() ? null : name);
    errors = outcome.errors();
    if (!outcome.ok()) {
      FacesContext.getCurrentInstance()
          .addMessage(
              null,
              new FacesMessage(
                  FacesMessage.SEVERITY_ERROR,
                  "The connection was not saved",
                  "Correct the fields marked below."));
      return null;
    }
    return "connections?faces-redirect=true&saved=" + outcome.name();
  }

  public boolean isNew() {
    return name == null || name.isBlank();
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public ConnectionForm getForm() {
    return form;
  }

  public FieldErrors getErrors() {
    return errors;
  }

  public boolean isMissing() {
    return missing;
  }

  public List<String> getPolicyNames() {
    return policyNames;
  }

  public List<String> getTypes() {
    return TYPES;
  }

  public List<String> getTlsModes() {
    return TLS_MODES;
  }

  public List<String> getSecretKinds() {
    return SECRET_KINDS;
  }

  /** The pointer of the secret the form sends, for its error in place. */
  public String getSecretPointer() {
    return "/credential/" + form.getSecretKind();
  }
}
