package io.gatehouse.web.admin.sessions;

import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.application.SessionService;
import io.gatehouse.control.application.SessionView;
import io.gatehouse.web.api.sessions.Replays;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /admin/replay?id=…}: the same asciicast export as the API's {@code
 * /api/v1/sessions/{id}/replay}, for the session page's player under the form login (web.xml's
 * {@code /admin/*} constraint: any Gatehouse role, HTTPS only).
 */
@WebServlet("/admin/replay")
public class ReplayServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @EJB SessionService sessions;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    String id = request.getParameter("id");
    if (id == null || id.isBlank()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "the session id (?id=) is missing");
      return;
    }
    SessionView session;
    try {
      session = sessions.get(id);
    } catch (ResourceNotFoundException e) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND, "no session " + id);
      return;
    }
    Optional<String> cast = Replays.asciicast(sessions, session);
    if (cast.isEmpty()) {
      response.sendError(
          HttpServletResponse.SC_CONFLICT,
          "session " + id + " (" + session.protocol() + ") has no terminal output to replay");
      return;
    }
    response.setContentType("application/x-asciicast");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(cast.get());
  }
}
