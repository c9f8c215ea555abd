package org.casebook.web.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.casebook.store.study.Users;
import org.casebook.web.security.StudyAccess;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Until a user has replaced the one-time password printed by {@code casebook user add}, every
 * page leads to the password form and the API answers 403; the static style sheet and scripts
 * are served, so that the password form looks like the rest of the app.
 */
public final class OneTimePasswordInterceptor
        implements HandlerInterceptor
{
    private final Users users;

    public OneTimePasswordInterceptor(Users users)
    {
        this.users = users;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception
    {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // the password page's own style sheet and scripts must load too, or the page it leads to is unstyled
        if (!StudyAccess.isAuthenticated(authentication) || path.equals("/account/password") || path.equals("/error")
                || path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/favicon.ico")
                || !users.mustChangePassword(authentication.getName())) {
            return true;
        }
        if (path.startsWith("/api/")) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "change your one-time password first");
        }
        else {
            response.sendRedirect(request.getContextPath() + "/account/password");
        }
        return false;
    }
}
