package org.casebook.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.casebook.store.AuditTrail;
import org.casebook.store.study.UserAccount;
import org.casebook.store.study.Users;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The security events of the append-only audit trail: every login, failed login and lock-out
 * (entity {@code login}, the user's id or 0 for an unknown name, the client address as the new
 * value), and the downloads and reports that take data off the server ({@link #download}). The
 * audit trail is where admins look (site and study audit pages), and it cannot be edited.
 */
public final class SecurityLog
{
    public static final String LOGIN = "login";

    private final AuditTrail audit;
    private final Users users;

    public SecurityLog(AuditTrail audit, Users users)
    {
        this.audit = audit;
        this.users = users;
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event)
    {
        record(event.getAuthentication(), "login");
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event)
    {
        record(event.getAuthentication(), event.getException() instanceof LockedException ? "login_refused_throttled" : "login_failed");
    }

    private void record(Authentication authentication, String field)
    {
        // user names typed at the login form are not checked for length; the column holds 100
        String name = authentication.getName() == null ? "" : authentication.getName();
        String username = name.length() > 100 ? name.substring(0, 100) : name;
        long userId = users.find(username).map(UserAccount::id).orElse(0L);
        String client = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        audit.record(new AuditTrail.Change(username, null, LOGIN, userId, null, field, null, client == null ? null : "from " + client, null));
    }

    /** A download or report of a study's data by {@code username}: {@code what} names it ({@code deidentified.csv}). */
    public void download(long studyId, String username, String what, HttpServletRequest request)
    {
        audit.record(new AuditTrail.Change(username, studyId, "study", studyId, null, "download", null,
                what + (request == null ? "" : " from " + request.getRemoteAddr()), null));
    }

    /** The study report was generated (it lists every patient): who and when. */
    public void reportGenerated(long studyId, String username)
    {
        audit.record(new AuditTrail.Change(username, studyId, "study", studyId, null, "report_generated", null, null, null));
    }
}
