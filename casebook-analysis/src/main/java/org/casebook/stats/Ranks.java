package org.casebook.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Ranks 1..n of values, ties given their average rank (R's {@code rank(x)}, ties.method = "average"),
 * with the tie term Σ(t³ − t) over the groups of t tied values that rank tests subtract.
 */
final class Ranks
{
    private final double[] ranks;
    private final double tieCorrection;

    private Ranks(double[] ranks, double tieCorrection)
    {
        this.ranks = ranks;
        this.tieCorrection = tieCorrection;
    }

    static Ranks of(double[] values)
    {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        double tieCorrection = 0;
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) {
                ranks[order[i]] = averageRank;
            }
            double tied = end - start + 1;
            tieCorrection += tied * tied * tied - tied;
            start = end + 1;
        }
        return new Ranks(ranks, tieCorrection);
    }

    /** The rank of each value, in input order. */
    double[] ranks()
    {
        return ranks.clone();
    }

    /** Σ(t³ − t) over groups of t tied values; 0 without ties. */
    double tieCorrection()
    {
        return tieCorrection;
    }
}
