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
                || path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/favicon.ico") || passwordChosen(request, authentication)) {
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

    /**
     * Whether the user has chosen their own password, asked of the database once per session: a
     * reset makes it one-time again, but a reset also ends every session of the account.
     */
    private boolean passwordChosen(HttpServletRequest request, Authentication authentication)
    {
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null && Boolean.TRUE.equals(session.getAttribute(PASSWORD_CHOSEN))) {
            return true;
        }
        boolean chosen = !users.mustChangePassword(authentication.getName());
        if (chosen && session != null) {
            session.setAttribute(PASSWORD_CHOSEN, Boolean.TRUE);
        }
        return chosen;
    }

    private static final String PASSWORD_CHOSEN = OneTimePasswordInterceptor.class.getName() + ".chosen";
}
