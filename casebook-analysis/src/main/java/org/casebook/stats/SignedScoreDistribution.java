package org.casebook.stats;

/**
 * Exact permutation distribution of a sum of signed scores: with integer scores s₁…sₙ and every
 * sign pattern equally likely (2ⁿ patterns), the number of patterns whose positive scores sum to
 * each total. With the scores 2·rank (ranks of tied values averaged, so 2·rank is an integer) this
 * is the conditional null distribution of the Wilcoxon signed-rank statistic given the ties, as
 * {@code coin::wilcoxsign_test(distribution = "exact")} and {@code exactRankTests::wilcox.exact}
 * compute it; without ties it equals R's {@code psignrank}. Counts are exact in a {@code long} for n &lt; 63.
 */
final class SignedScoreDistribution
{
    private final int n;
    private final int total;
    private final long[] counts;

    private SignedScoreDistribution(int n, int total, long[] counts)
    {
        this.n = n;
        this.total = total;
        this.counts = counts;
    }

    /**
     * @throws IllegalArgumentException if there are more than 62 scores or a score is negative
     */
    static SignedScoreDistribution of(int[] scores)
    {
        if (scores.length > 62) {
            throw new IllegalArgumentException("at most 62 scores: " + scores.length);
        }
        int total = 0;
        for (int score : scores) {
            if (score < 0) {
                throw new IllegalArgumentException("score must not be negative: " + score);
            }
            total += score;
        }
        long[] counts = new long[total + 1];
        counts[0] = 1;
        int reached = 0;
        for (int score : scores) {
            reached += score;
            for (int sum = reached; sum >= score; sum--) {
                counts[sum] += counts[sum - score];
            }
        }
        return new SignedScoreDistribution(scores.length, total, counts);
    }

    /**
     * Two-sided p of an observed sum: P(|T − E| ≥ |t − E|) with E = total/2, the mean of the
     * symmetric distribution (coin's two-sided exact p).
     */
    double twoSided(int observed)
    {
        long distance = Math.abs(2L * observed - total);
        long extreme = 0;
        for (int sum = 0; sum < counts.length; sum++) {
            if (Math.abs(2L * sum - total) >= distance) {
                extreme += counts[sum];
            }
        }
        return Math.min(1, extreme / Math.pow(2, n));
    }

    /** P(T ≤ t). */
    double lowerTail(int t)
    {
        long sum = 0;
        for (int s = 0; s <= Math.min(t, total); s++) {
            sum += counts[s];
        }
        return sum / Math.pow(2, n);
    }

    /** The smallest two-sided p any sign pattern can give: the p of all signs alike. */
    double smallestTwoSided()
    {
        return twoSided(total);
    }
}
