package io.gatehouse.web.admin.sessions;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.LazyDataModel;

/** Backs sessions.xhtml: the filter form and the lazily paged table. */
@Named
@ViewScoped
public class SessionListBean implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The statuses a session can have (as the API's status filter). */
  public static final List<String> STATUSES = List.of("active", "closed", "terminated", "failed");

  @Inject SessionsFacade facade;

  private final SessionFilter filter = new SessionFilter();
  private LazyDataModel<SessionRow> sessions;

  @PostConstruct
  void init() {
    sessions = new SessionLazyModel(facade, filter);
  }

  public SessionFilter getFilter() {
    return filter;
  }

  public List<String> getStatuses() {
    return STATUSES;
  }

  public LazyDataModel<SessionRow> getSessions() {
    return sessions;
  }

  /** Applies the filter from the first page on. */
  public void search() {
    DataTable table =
        (DataTable)
            FacesContext.getCurrentInstance().getViewRoot().findComponent(":sessions:table");
    if (table != null) {
      table.setFirst(0);
    }
  }

  /** Clears the filter; the table reloads from the first page. */
  public void reset() {
    filter.setIdentity(null);
    filter.setConnection(null);
    filter.setStatus(null);
    search();
  }
}
