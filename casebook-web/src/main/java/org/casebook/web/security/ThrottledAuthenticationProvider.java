package org.casebook.web.security;

import java.time.Duration;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Checks the {@link LoginThrottle} (by user name, client address and both) before letting Spring's provider check the password. */
public final class ThrottledAuthenticationProvider
        implements AuthenticationProvider
{
    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;

    public ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle)
    {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication)
    {
        String username = authentication.getName();
        // the client address counts separately, so that failures elsewhere cannot lock a user out at their own desk
        String client = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        Optional<Duration> wait = throttle.waitFor(username, client);
        if (wait.isPresent()) {
            throw new LockedException("Too many failed logins: try again in " + Math.max(1, wait.get().toSeconds()) + " s");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(username, client);
            return result;
        }
        catch (AuthenticationException e) {
            throttle.failed(username, client);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication)
    {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
