package org.casebook.stats;

import java.util.Arrays;

/**
 * The n(n+1)/2 Walsh averages (dᵢ + dⱼ)/2, i ≤ j, of n differences, from which one order statistic
 * at a time is selected without listing them all: a series of 100,000 pairs has 5·10⁹ of them.
 *
 * <p>{@link #select(long)} bisects on the value of a pair sum: how many sums are at most a value
 * is counted in O(n) by walking the sorted differences from both ends, and once few enough sums
 * (at most {@link #LISTED}, or n) lie between the bounds, those are listed and sorted. Each
 * bisection halves the value range, so a selection takes O(n) per step for some tens of steps. The
 * sums are the same floating-point sums {@code d[i] + d[j]} a full listing would sort, so the
 * selected average is exactly the one a sort of every average gives.
 */
final class WalshAverages
{
    private static final int LISTED = 4096;

    private final double[] sorted;

    WalshAverages(double[] differences)
    {
        this.sorted = differences.clone();
        Arrays.sort(sorted);
    }

    /** How many Walsh averages there are. */
    long count()
    {
        long n = sorted.length;
        return n * (n + 1) / 2;
    }

    /**
     * The k-th smallest Walsh average, k from 1 to {@link #count()}.
     *
     * @throws IllegalArgumentException if k is outside 1…{@link #count()}
     */
    double select(long k)
    {
        if (k < 1 || k > count()) {
            throw new IllegalArgumentException("order " + k + " outside 1.." + count());
        }
        int n = sorted.length;
        // invariant: fewer than k sums are <= low, at least k are <= high
        double low = Math.nextDown(sorted[0] + sorted[0]);
        double high = sorted[n - 1] + sorted[n - 1];
        long belowLow = 0;
        while (true) {
            long belowHigh = countAtMost(high);
            if (belowHigh - belowLow <= Math.max(LISTED, n)) {
                double[] between = sumsBetween(low, high, (int) (belowHigh - belowLow));
                Arrays.sort(between);
                return between[(int) (k - belowLow - 1)] / 2;
            }
            double middle = low / 2 + high / 2;
            if (!(middle > low && middle < high)) {
                // no double between the bounds: every sum left is high
                return high / 2;
            }
            long belowMiddle = countAtMost(middle);
            if (belowMiddle >= k) {
                high = middle;
            }
            else {
                low = middle;
                belowLow = belowMiddle;
            }
        }
    }

    /** How many sums d[i] + d[j], i ≤ j, are at most {@code value}. */
    private long countAtMost(double value)
    {
        long count = 0;
        int j = sorted.length - 1;
        for (int i = 0; i < sorted.length; i++) {
            // the largest j with d[i] + d[j] <= value only falls as d[i] grows
            while (j >= i && sorted[i] + sorted[j] > value) {
                j--;
            }
            if (j < i) {
                break;
            }
            count += j - i + 1;
        }
        return count;
    }

    /** The sums in (low, high], of which there are {@code size}. */
    private double[] sumsBetween(double low, double high, int size)
    {
        double[] sums = new double[size];
        int filled = 0;
        int top = sorted.length - 1;
        int bottom = sorted.length - 1;
        for (int i = 0; i < sorted.length; i++) {
            while (top >= i && sorted[i] + sorted[top] > high) {
                top--;
            }
            while (bottom >= i && sorted[i] + sorted[bottom] > low) {
                bottom--;
            }
            for (int j = Math.max(bottom + 1, i); j <= top; j++) {
                sums[filled++] = sorted[i] + sorted[j];
            }
        }
        return sums;
    }
}
