package io.gatehouse.web.admin.policies;

import io.gatehouse.web.admin.FieldErrors;
import io.gatehouse.web.admin.SaveOutcome;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** Backs policy-edit.xhtml[?name=…]: the JSON document of a new or an existing policy. */
@Named
@ViewScoped
public class PolicyEditBean implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject PoliciesFacade facade;

  private String name;
  private String typedName;
  private boolean existing;
  private boolean missing;
  private String document;
  private FieldErrors errors = new FieldErrors();

  /** The view action: the stored document when {@code name} is given, else the template. */
  public void load() {
    if (FacesContext.getCurrentInstance().isPostback()) {
      return;
    }
    typedName = name;
    if (name == null || name.isBlank()) {
      document = facade.template("");
      return;
    }
    facade
        .document(name)
        .ifPresentOrElse(
            d -> {
              document = d;
              existing = true;
            },
            () -> missing = true);
  }

  public String save() {
    SaveOutcome outcome = facade.save(existing ? name : typedName, document);
    errors = outcome.errors();
    if (!outcome.ok()) {
      FacesContext.getCurrentInstance()
          .addMessage(
              null,
              new FacesMessage(
                  FacesMessage.SEVERITY_ERROR,
                  "The policy was not saved",
                  errors.getAll().size() + " problem(s) in the document, listed below it."));
      return null;
    }
    return "policies?faces-redirect=true&saved=" + outcome.name();
  }

  public boolean isExisting() {
    return existing;
  }

  public boolean isMissing() {
    return missing;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  /** The name field: the view parameter's value for an existing policy, typed for a new one. */
  public String getTypedName() {
    return typedName;
  }

  public void setTypedName(String typedName) {
    this.typedName = typedName;
  }

  public String getDocument() {
    return document;
  }

  public void setDocument(String document) {
    this.document = document;
  }

  public FieldErrors getErrors() {
    return errors;
  }
}
