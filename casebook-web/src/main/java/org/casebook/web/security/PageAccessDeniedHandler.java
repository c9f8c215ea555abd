package org.casebook.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/** A refused page: the error page saying "Not found." or "You have no access to this page.", as {@link Denials} decides. */
final class PageAccessDeniedHandler
        implements AccessDeniedHandler
{
    private final Denials denials;

    PageAccessDeniedHandler(Denials denials)
    {
        this.denials = denials;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException
    {
        boolean notFound = !(denied instanceof CsrfException)
                && denials.answer(request, SecurityContextHolder.getContext().getAuthentication()) == Denials.Answer.NOT_FOUND;
        response.sendError(notFound ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_FORBIDDEN);
    }
}
