package io.gatehouse.web.admin;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.io.Serializable;
import java.util.Optional;
import java.util.function.Function;

/**
 * A delete that asks first, for the list pages: the row's Delete button only names what is to go, a
 * second, explicit Delete (or Cancel) in the confirmation box above the list does it. Both steps
 * are postbacks of the same view, so a link from elsewhere deletes nothing.
 */
public class DeleteConfirmation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String what;
  private String pending;

  /** {@code what}: "Policy", "Connection", for the messages. */
  public DeleteConfirmation(String what) {
    this.what = what;
  }

  public void ask(String name) {
    pending = name;
  }

  public void cancel() {
    pending = null;
  }

  public String getPending() {
    return pending;
  }

  /**
   * Deletes the pending item through {@code delete} (empty when deleted, else the refusal) and says
   * how it went.
   */
  public void confirm(Function<String, Optional<String>> delete) {
    String name = pending;
    pending = null;
    if (name == null) {
      return;
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    Optional<String> refused = delete.apply(name);
    faces.addMessage(
        null,
        refused
            .map(
                reason ->
                    new FacesMessage(
                        FacesMessage.SEVERITY_ERROR, what + " " + name + " not deleted", reason))
            .orElseGet(
                () ->
                    new FacesMessage(
                        FacesMessage.SEVERITY_INFO, what + " " + name + " deleted", "")));
  }
}
