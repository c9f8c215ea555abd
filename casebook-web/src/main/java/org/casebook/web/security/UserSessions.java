package org.casebook.web.security;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Ends a user's sessions: after a password change (their other sessions, which may be an
 * attacker's), a password reset or a disable (all of them). The sessions are marked expired in
 * Spring Security's registry; the next request of an expired session is logged out by the
 * concurrent-session filter.
 */
public final class UserSessions
{
    private final SessionRegistry registry;

    public UserSessions(SessionRegistry registry)
    {
        this.registry = registry;
    }

    /** Ends every session of {@code username}. */
    public int endAll(String username)
    {
        return endAllBut(username, null);
    }

    /** Ends every session of {@code username} except {@code keepSessionId} (null: none kept); returns how many. */
    public int endAllBut(String username, String keepSessionId)
    {
        int ended = 0;
        for (Object principal : registry.getAllPrincipals()) {
            String name = principal instanceof UserDetails details ? details.getUsername() : principal.toString();
            if (!name.equals(username)) {
                continue;
            }
            for (SessionInformation session : registry.getAllSessions(principal, false)) {
                if (!session.getSessionId().equals(keepSessionId)) {
                    session.expireNow();
                    ended++;
                }
            }
        }
        return ended;
    }
}
