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
}
