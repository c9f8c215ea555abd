package org.casebook.web.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.session.SessionInformationExpiredEvent;
import org.springframework.security.web.session.SessionInformationExpiredStrategy;

/**
 * What the next request of an ended session gets (its password was changed or reset elsewhere,
 * or the account disabled): the API a 401 with a JSON message, pages the login page saying why.
 * The session itself has already been logged out by the concurrent-session filter.
 */
final class EndedSessionStrategy
        implements SessionInformationExpiredStrategy
{
    static final String MESSAGE = "your session has ended: the password was changed or reset, or the account disabled; log in again";

    @Override
    public void onExpiredSessionDetected(SessionInformationExpiredEvent event)
            throws IOException
    {
        HttpServletRequest request = event.getRequest();
        var response = event.getResponse();
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(401);
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"" + MESSAGE + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.sendRedirect(request.getContextPath() + "/login?ended");
    }
}
