package org.casebook.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest
{
    /** A clock the test moves by hand. */
    private static final class ManualClock
            extends Clock
    {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration)
        {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone()
        {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now;
        }
    }

    @Test
    void delayDoublesAfterTheFreeFailuresUpToFifteenMinutes()
    {
        assertThat(LoginThrottle.delay(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(LoginThrottle.delay(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(LoginThrottle.delay(8)).isEqualTo(Duration.ofSeconds(64));
        assertThat(LoginThrottle.delay(40)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void repeatedFailuresAreRefusedWithoutCheckingThePasswordUntilTheDelayPasses()
    {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        int[] passwordChecks = {0};
        AuthenticationProvider passwords = new AuthenticationProvider()
        {
            @Override
            public org.springframework.security.core.Authentication authenticate(org.springframework.security.core.Authentication authentication)
            {
                passwordChecks[0]++;
                if (!"right".equals(authentication.getCredentials())) {
                    throw new BadCredentialsException("bad");
                }
                return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, java.util.List.of());
            }

            @Override
            public boolean supports(Class<?> authentication)
            {
                return true;
            }
        };
        ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(passwords, throttle);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("Alice", "wrong"))).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("alice", "right")))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining("try again in 2 s");
        assertThat(passwordChecks[0]).isEqualTo(3);
        clock.advance(Duration.ofSeconds(3));
        assertThat(provider.authenticate(new UsernamePasswordAuthenticationToken("alice", "right")).isAuthenticated()).isTrue();
        assertThat(throttle.waitFor("alice")).isEmpty();
    }

    private static UsernamePasswordAuthenticationToken attempt(String username, String password, String client)
    {
        UsernamePasswordAuthenticationToken token = new UsernamePasswordAuthenticationToken(username, password);
        token.setDetails(new org.springframework.security.web.authentication.WebAuthenticationDetails(client, null));
        return token;
    }

    private static AuthenticationProvider passwordIs(String right)
    {
        return new AuthenticationProvider()
        {
            @Override
            public org.springframework.security.core.Authentication authenticate(org.springframework.security.core.Authentication authentication)
            {
                if (!right.equals(authentication.getCredentials())) {
                    throw new BadCredentialsException("bad");
                }
                return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, java.util.List.of());
            }

            @Override
            public boolean supports(Class<?> authentication)
            {
                return true;
            }
        };
    }

    @Test
    void anAttackerElsewhereCannotLockAUserOutForMoreThanAMinute()
    {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(passwordIs("right"), throttle);
        // a few failures from the attacker's address: the user at her own address is not slowed at all
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.authenticate(attempt("alice", "guess", "203.0.113.9"))).isInstanceOf(BadCredentialsException.class);
            clock.advance(Duration.ofMinutes(20));
        }
        assertThat(provider.authenticate(attempt("alice", "right", "10.0.0.5")).isAuthenticated()).isTrue();
        // a sustained attack from many addresses slows the account, but never for more than a minute
        for (int i = 0; i < 40; i++) {
            String address = "198.51.100." + i;
            try {
                provider.authenticate(attempt("alice", "guess", address));
            }
            catch (BadCredentialsException | LockedException expected) {
                // counted or refused
            }
            assertThat(throttle.waitFor("alice", "10.0.0.5").orElse(Duration.ZERO)).isLessThanOrEqualTo(Duration.ofMinutes(1));
            clock.advance(Duration.ofSeconds(61));
        }
        assertThat(throttle.waitFor("alice", "10.0.0.5")).isEmpty();
        assertThat(provider.authenticate(attempt("alice", "right", "10.0.0.5")).isAuthenticated()).isTrue();
        assertThat(LoginThrottle.delay(50, LoginThrottle.ACCOUNT_FREE_FAILURES, LoginThrottle.ACCOUNT_MAX_DELAY)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void passwordSprayingFromOneAddressIsSlowedAcrossUserNames()
    {
        ManualClock clock = new ManualClock();
        ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(passwordIs("right"), new LoginThrottle(clock));
        for (int i = 0; i < LoginThrottle.CLIENT_FREE_FAILURES; i++) {
            String user = "user" + i;
            assertThatThrownBy(() -> provider.authenticate(attempt(user, "Summer2026!", "203.0.113.7"))).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> provider.authenticate(attempt("someone-new", "right", "203.0.113.7")))
                .isInstanceOf(LockedException.class);
        // the same account from another address is not affected
        assertThat(provider.authenticate(attempt("someone-new", "right", "10.0.0.6")).isAuthenticated()).isTrue();
    }
}
