package org.casebook.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows repeated failed logins, by three counts, each with its own delay that doubles with every
 * further failure (2 s, 4 s, …) up to a cap; attempts during a delay are refused without checking
 * the password, so guessing costs time whatever the attacker's speed:
 * <ul>
 * <li>a user name from one client address: after {@value #FREE_FAILURES} failures, up to 15
 * minutes. An attacker elsewhere does not add to it, so they cannot lock the user out at their
 * own desk;</li>
 * <li>a user name from any address: after {@value #ACCOUNT_FREE_FAILURES} failures, capped at one
 * minute, so guessing one account from many addresses stays slow but the right password is
 * never refused for long;</li>
 * <li>a client address, any user name (password spraying): after {@value #CLIENT_FREE_FAILURES}
 * failures, up to 15 minutes.</li>
 * </ul>
 * A successful login resets its user name's counts (not the address's: one valid account must not
 * reset a sprayer's count).
 */
public final class LoginThrottle
{
    static final int FREE_FAILURES = 3;
    static final int ACCOUNT_FREE_FAILURES = 10;
    static final int CLIENT_FREE_FAILURES = 20;
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration ACCOUNT_MAX_DELAY = Duration.ofMinutes(1);

    private record Failures(int count, Instant last) {}

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock)
    {
        this.clock = clock;
    }

    /** How long {@code username} must still wait before the next attempt from an unknown address, if at all. */
    public Optional<Duration> waitFor(String username)
    {
        return waitFor(username, null);
    }

    /** How long {@code username} must still wait before the next attempt from {@code client} (null: unknown), if at all. */
    public Optional<Duration> waitFor(String username, String client)
    {
        Duration longest = Duration.ZERO;
        longest = max(longest, remaining(pairKey(username, client), FREE_FAILURES, MAX_DELAY));
        longest = max(longest, remaining(accountKey(username), ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_DELAY));
        if (client != null) {
            longest = max(longest, remaining(clientKey(client), CLIENT_FREE_FAILURES, MAX_DELAY));
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String username)
    {
        failed(username, null);
    }

    public void failed(String username, String client)
    {
        count(pairKey(username, client));
        count(accountKey(username));
        if (client != null) {
            count(clientKey(client));
        }
    }

    public void succeeded(String username)
    {
        succeeded(username, null);
    }

    public void succeeded(String username, String client)
    {
        failures.remove(pairKey(username, client));
        failures.remove(accountKey(username));
    }

    private void count(String key)
    {
        failures.merge(key, new Failures(1, clock.instant()), (old, one) -> new Failures(old.count() + 1, clock.instant()));
    }

    private Duration remaining(String key, int free, Duration cap)
    {
        Failures current = failures.get(key);
        if (current == null || current.count() < free) {
            return Duration.ZERO;
        }
        Duration delay = delay(current.count(), free, cap);
        Duration remaining = Duration.between(clock.instant(), current.last().plus(delay));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private static Duration max(Duration a, Duration b)
    {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static Duration delay(int failureCount)
    {
        return delay(failureCount, FREE_FAILURES, MAX_DELAY);
    }

    static Duration delay(int failureCount, int free, Duration cap)
    {
        int doublings = Math.min(failureCount - free, 20);
        Duration delay = Duration.ofSeconds(2L << doublings);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    private static String name(String username)
    {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static String pairKey(String username, String client)
    {
        return "pair:" + name(username) + "|" + (client == null ? "" : client);
    }

    private static String accountKey(String username)
    {
        return "account:" + name(username);
    }

    private static String clientKey(String client)
    {
        return "client:" + client;
    }
}
