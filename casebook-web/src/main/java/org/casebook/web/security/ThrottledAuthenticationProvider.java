package org.casebook.web.security;

import java.time.Duration;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/** Checks the {@link LoginThrottle} before letting Spring's provider check the password. */
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
        Optional<Duration> wait = throttle.waitFor(username);
        if (wait.isPresent()) {
            throw new LockedException("Too many failed logins: try again in " + Math.max(1, wait.get().toSeconds()) + " s");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        }
        catch (AuthenticationException e) {
            throttle.failed(username);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication)
    {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
