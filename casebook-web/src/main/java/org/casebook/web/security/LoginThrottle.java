package org.casebook.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows repeated failed logins of one user name: after {@value #FREE_FAILURES} failures in a
 * row, each further attempt must wait a delay that doubles with every failure (2 s, 4 s, … up to
 * 15 minutes); a successful login resets the count. Attempts during the delay are refused without
 * checking the password, so guessing costs time whatever the attacker's speed.
 */
public final class LoginThrottle
{
    static final int FREE_FAILURES = 3;
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private record Failures(int count, Instant last) {}

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock)
    {
        this.clock = clock;
    }

    /** How long {@code username} must still wait before the next attempt, if at all. */
    public Optional<Duration> waitFor(String username)
    {
        Failures current = failures.get(key(username));
        if (current == null || current.count() < FREE_FAILURES) {
            return Optional.empty();
        }
        Duration delay = delay(current.count());
        Duration remaining = Duration.between(clock.instant(), current.last().plus(delay));
        return remaining.isNegative() || remaining.isZero() ? Optional.empty() : Optional.of(remaining);
    }

    public void failed(String username)
    {
        failures.merge(key(username), new Failures(1, clock.instant()), (old, one) -> new Failures(old.count() + 1, clock.instant()));
    }

    public void succeeded(String username)
    {
        failures.remove(key(username));
    }

    static Duration delay(int failureCount)
    {
        int doublings = Math.min(failureCount - FREE_FAILURES, 20);
        Duration delay = Duration.ofSeconds(2L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static String key(String username)
    {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
