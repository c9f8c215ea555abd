package org.casebook.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Hodges–Lehmann estimate of the median paired difference (the pseudo-median of x − y: the
 * median of the n(n+1)/2 Walsh averages (dᵢ + dⱼ)/2, i ≤ j) with its exact confidence interval from
 * the signed-rank distribution (Hollander and Wolfe): with q = {@code qsignrank(α/2, n)} (at least
 * 1), the interval runs from the q-th smallest to the q-th largest Walsh average, and its achieved
 * confidence is 1 − 2 {@code psignrank(q − 1, n)}. This is R's
 * {@code wilcox.test(x, y, paired = TRUE, conf.int = TRUE, exact = TRUE)} when there are neither ties
 * nor zero differences; zero and tied differences are kept as data here (R drops zeros and switches
 * to a normal approximation). When n is too small for the requested level (n ≤ 5 at 95%) the
 * interval is the widest one, min to max of the differences, and its achieved confidence is lower:
 * {@link Result#achievedConfidence()} says which. Above 62 pairs q comes from the normal approximation.
 */
public final class HodgesLehmann
{
    private static final int EXACT_MAX = 62;

    /**
     * @param estimate Hodges–Lehmann median difference (x − y)
     * @param ciLow lower confidence bound
     * @param ciHigh upper confidence bound
     * @param achievedConfidence the interval's actual coverage, 1 − 2 P(V ≤ q − 1)
     * @param n pairs used
     */
    public record Result(double estimate, double ciLow, double ciHigh, double achievedConfidence, int n) {}

    private HodgesLehmann() {}

    /** 95% interval; differences rounded half up to {@code decimals} places as {@link WilcoxonSignedRank#testAtPrecision}. */
    public static Result pairedDifference(double[] x, double[] y, int decimals)
    {
        return pairedDifference(x, y, decimals, 0.95);
    }

    /**
     * @throws IllegalArgumentException if the arrays differ in length, hold fewer than 2 pairs or a NaN,
     * or the level is not in (0, 1)
     */
    public static Result pairedDifference(double[] x, double[] y, int decimals, double confidenceLevel)
    {
        return ofRounded(WilcoxonSignedRank.roundedDifferences(x, y, decimals), confidenceLevel);
    }

    /**
     * The 95% interval of paired differences already taken, used as given: CT scores' differences,
     * taken on their exact values, as their nearest doubles (rounding them would move the estimate).
     *
     * @throws IllegalArgumentException if there are fewer than 2 differences or one is NaN
     */
    public static Result ofDifferences(double[] differences)
    {
        for (double difference : differences) {
            if (Double.isNaN(difference)) {
                throw new IllegalArgumentException("a difference is missing");
            }
        }
        return ofRounded(differences.clone(), 0.95);
    }

    private static Result ofRounded(double[] d, double confidenceLevel)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1): " + confidenceLevel);
        }
        int n = d.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 pairs, got " + n);
        }
        // the Walsh averages are selected, not listed: n(n+1)/2 of them is 5·10⁹ at 100,000 pairs
        WalshAverages walsh = new WalshAverages(d);
        long m = walsh.count();
        double estimate = m % 2 == 1 ? walsh.select(m / 2 + 1) : (walsh.select(m / 2) + walsh.select(m / 2 + 1)) / 2;
        double alpha = 1 - confidenceLevel;
        int q;
        double achieved;
        if (n <= EXACT_MAX) {
            SignedRankDistribution distribution = SignedRankDistribution.of(n);
            q = 0;
            // qsignrank(alpha/2, n): the smallest q with P(V <= q) >= alpha/2 (R allows 10 eps of fuzz)
            while (distribution.lowerTail(q) < alpha / 2 - 10 * Math.ulp(1.0)) {
                q++;
            }
            q = Math.max(q, 1);
            achieved = 1 - 2 * distribution.lowerTail(q - 1);
        }
        else {
            double mean = n * (n + 1.0) / 4;
            double sd = Math.sqrt(n * (n + 1.0) * (2 * n + 1) / 24);
            q = Math.max(1, (int) Math.floor(mean - NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha / 2) * sd));
            achieved = 1 - 2 * NormalDistribution.of(mean, sd).cumulativeProbability(q - 0.5);
        }
        return new Result(estimate, walsh.select(q), walsh.select(m - q + 1), achieved, n);
    }
}
