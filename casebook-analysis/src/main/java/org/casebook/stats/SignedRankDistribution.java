package org.casebook.stats;

/**
 * Exact null distribution of the Wilcoxon signed-rank statistic V for n untied, non-zero
 * differences: the number of subsets of {1, …, n} with each rank sum, over 2ⁿ. The same counting
 * as R's {@code csignrank} behind {@code psignrank}. Counts are exact in a {@code long} for n &lt; 63.
 */
final class SignedRankDistribution
{
    private final int n;
    private final long[] counts;

    private SignedRankDistribution(int n, long[] counts)
    {
        this.n = n;
        this.counts = counts;
    }

    /**
     * @throws IllegalArgumentException if n is negative or so large that the counts overflow
     */
    static SignedRankDistribution of(int n)
    {
        if (n < 0 || n > 62) {
            throw new IllegalArgumentException("n must be in [0, 62]: " + n);
        }
        int maxSum = n * (n + 1) / 2;
        long[] counts = new long[maxSum + 1];
        counts[0] = 1;
        // add rank r to every subset of the ranks below it
        for (int r = 1; r <= n; r++) {
            for (int sum = r * (r + 1) / 2; sum >= r; sum--) {
                counts[sum] += counts[sum - r];
            }
        }
        return new SignedRankDistribution(n, counts);
    }

    /** P(V ≤ v), as R's {@code psignrank(v, n)}. */
    double lowerTail(int v)
    {
        return sum(0, v) / Math.pow(2, n);
    }

    /** P(V ≥ v), as R's {@code psignrank(v - 1, n, lower.tail = FALSE)}. */
    double upperTail(int v)
    {
        return sum(v, counts.length - 1) / Math.pow(2, n);
    }

    private double sum(int from, int to)
    {
        long total = 0;
        for (int w = Math.max(from, 0); w <= Math.min(to, counts.length - 1); w++) {
            total += counts[w];
        }
        return total;
    }
}
