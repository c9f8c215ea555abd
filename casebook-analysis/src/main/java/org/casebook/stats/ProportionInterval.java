package org.casebook.stats;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Confidence intervals for a proportion k/n:
 * <ul>
 *   <li>{@link #clopperPearson} (exact), as R's {@code binom.test(k, n)$conf.int}:
 *       {@code qbeta(α/2, k, n − k + 1)} to {@code qbeta(1 − α/2, k + 1, n − k)}, 0 when k = 0 and 1 when k = n;</li>
 *   <li>{@link #wilson} (score interval without continuity correction), as R's
 *       {@code prop.test(k, n, correct = FALSE)$conf.int}.</li>
 * </ul>
 */
public final class ProportionInterval
{
    /**
     * @param count k
     * @param n the denominator
     * @param estimate k/n
     * @param low lower bound
     * @param high upper bound
     */
    public record Result(int count, int n, double estimate, double low, double high) {}

    private ProportionInterval() {}

    public static Result clopperPearson(int count, int n)
    {
        return clopperPearson(count, n, 0.95);
    }

    /**
     * @throws IllegalArgumentException if n &lt; 1, k is outside 0..n or the level is not in (0, 1)
     */
    public static Result clopperPearson(int count, int n, double confidenceLevel)
    {
        check(count, n, confidenceLevel);
        double alpha = 1 - confidenceLevel;
        double low = count == 0 ? 0 : BetaDistribution.of(count, n - count + 1.0).inverseCumulativeProbability(alpha / 2);
        double high = count == n ? 1 : BetaDistribution.of(count + 1.0, n - count).inverseCumulativeProbability(1 - alpha / 2);
        return new Result(count, n, (double) count / n, low, high);
    }

    public static Result wilson(int count, int n)
    {
        return wilson(count, n, 0.95);
    }

    /**
     * @throws IllegalArgumentException as {@link #clopperPearson(int, int, double)}
     */
    public static Result wilson(int count, int n, double confidenceLevel)
    {
        check(count, n, confidenceLevel);
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - confidenceLevel) / 2);
        double p = (double) count / n;
        double z2 = z * z;
        double centre = p + z2 / (2 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double denominator = 1 + z2 / n;
        double low = count == 0 ? 0 : (centre - half) / denominator;
        double high = count == n ? 1 : (centre + half) / denominator;
        return new Result(count, n, p, Math.max(0, low), Math.min(1, high));
    }

    private static void check(int count, int n, double confidenceLevel)
    {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        if (count < 0 || count > n) {
            throw new IllegalArgumentException("count must be in 0.." + n + ": " + count);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1): " + confidenceLevel);
        }
    }
}
