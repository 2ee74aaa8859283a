package io.gatehouse.web.admin.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Sessions a page at a time. The service has no count, so each load asks for one row more than the
 * page: the paginator then knows whether there is a next page without counting the table.
 */
class SessionLazyModel extends LazyDataModel<SessionRow> {
  private static final long serialVersionUID = 1L;

  private final SessionsFacade facade;
  private final SessionFilter filter;
  private int knownRows;

  SessionLazyModel(SessionsFacade facade, SessionFilter filter) {
    this.facade = facade;
    this.filter = filter;
  }

  @Override
  public int count(Map<String, FilterMeta> filterBy) {
    return knownRows;
  }

  @Override
  public List<SessionRow> load(
      int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    List<SessionRow> rows = new ArrayList<>(facade.find(filter, first, pageSize + 1));
    boolean more = rows.size() > pageSize;
    if (more) {
      rows.remove(pageSize);
    }
    knownRows = first + rows.size() + (more ? 1 : 0);
    setRowCount(knownRows);
    return rows;
  }

  @Override
  public String getRowKey(SessionRow row) {
    return row.id();
  }

  @Override
  public SessionRow getRowData(String rowKey) {
    return getWrappedData() == null
        ? null
        : getWrappedData().stream().filter(r -> r.id().equals(rowKey)).findFirst().orElse(null);
  }
}
