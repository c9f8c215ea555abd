package org.casebook.stats;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Friedman rank-sum test of k repeated measurements (columns, e.g. time points) within n blocks
 * (rows, e.g. patients), as R's {@code friedman.test(y)} with y a matrix:
 * incomplete rows (any NaN) are dropped, values are ranked within each row (ties averaged), and
 * <pre>
 * Q = 12 Σⱼ (Rⱼ − n(k+1)/2)² / (n k (k+1) − Σ(t³ − t)/(k − 1)),   p = P(χ²(k − 1) ≥ Q)
 * </pre>
 * with Rⱼ the column rank sums and t the sizes of the tie groups within rows. When every row is
 * entirely tied Q is 0/0: statistic and p are NaN, as in R.
 *
 * <p>{@link #testAtPrecision} is the test the report uses: values are first rounded to the data's
 * precision (so that ties are those in the data, not binary round-off) and the p-value is exact
 * when the problem is small enough: the permutation distribution of Q over every distinct
 * within-patient arrangement of the patient's ranks, ties kept (P(Q ≥ q), the conditional exact
 * Friedman test). Larger problems keep the chi-squared approximation.
 */
public final class FriedmanTest
{
    /**
     * @param statistic Friedman chi-squared Q
     * @param degreesOfFreedom k − 1
     * @param pValue upper-tail chi-squared probability
     * @param blocks complete rows used
     * @param exact whether p is the exact permutation p ({@link #testAtPrecision}) rather than chi-squared
     */
    public record Result(double statistic, int degreesOfFreedom, double pValue, int blocks, boolean exact)
    {
        public Result(double statistic, int degreesOfFreedom, double pValue, int blocks)
        {
            this(statistic, degreesOfFreedom, pValue, blocks, false);
        }
    }

    /**
     * Above this bound on the work (patients × possible rank-sum vectors × arrangements of a row) the
     * exact distribution is not computed; up to 4 time points only.
     */
    static final double MAX_EXACT_WORK = 2e6;

    private FriedmanTest() {}

    /**
     * @param measurements {@code measurements[block][treatment]}
     * @throws IllegalArgumentException if the matrix is ragged, has fewer than 2 columns or no complete row
     */
    public static Result test(double[][] measurements)
    {
        double[][] complete = completeRows(measurements);
        int n = complete.length;
        int k = complete[0].length;
        double[] rankSums = new double[k];
        double tieCorrection = 0;
        for (double[] row : complete) {
            Ranks ranks = Ranks.of(row);
            double[] rowRanks = ranks.ranks();
            for (int j = 0; j < k; j++) {
                rankSums[j] += rowRanks[j];
            }
            tieCorrection += ranks.tieCorrection();
        }
        double expected = n * (k + 1) / 2.0;
        double numerator = 12 * Arrays.stream(rankSums).map(sum -> (sum - expected) * (sum - expected)).sum();
        double statistic = numerator / (n * k * (k + 1.0) - tieCorrection / (k - 1));
        double p = Double.isNaN(statistic) ? Double.NaN : ChiSquaredDistribution.of(k - 1).survivalProbability(statistic);
        return new Result(statistic, k - 1, p, n);
    }

    /**
     * Friedman's Q on the values rounded half up to {@code decimals} places, with the exact
     * conditional permutation p when the work stays under {@link #MAX_EXACT_WORK} (up to 27 patients at 3 time points, 4 at 4),
     * otherwise the chi-squared p of {@link #test}.
     *
     * @throws IllegalArgumentException as {@link #test}
     */
    public static Result testAtPrecision(double[][] measurements, int decimals)
    {
        double[][] rounded = completeRows(measurements).clone();
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = java.util.Arrays.stream(rounded[i])
                    .map(value -> java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue())
                    .toArray();
        }
        Result approximate = test(rounded);
        if (Double.isNaN(approximate.statistic())) {
            return approximate;
        }
        java.util.OptionalDouble exact = exactPValue(rounded);
        return exact.isPresent()
                ? new Result(approximate.statistic(), approximate.degreesOfFreedom(), exact.getAsDouble(), approximate.blocks(), true)
                : approximate;
    }

    /**
     * P(Σ Rⱼ² ≥ observed) over all distinct within-row arrangements of each row's (doubled, so
     * integer) ranks, each equally likely; Q is increasing in Σ Rⱼ² with the ties fixed. The
     * distribution of the vector of column sums is built row by row; empty when the work bound
     * (rows × possible sum vectors × arrangements) exceeds {@link #MAX_EXACT_WORK}.
     */
    private static java.util.OptionalDouble exactPValue(double[][] rows)
    {
        int n = rows.length;
        int k = rows[0].length;
        double possibleVectors = Math.pow(2.0 * n * (k - 1) + 1, k - 1);
        double arrangements = 1;
        for (int i = 2; i <= k; i++) {
            arrangements *= i;
        }
        if (n * possibleVectors * arrangements > MAX_EXACT_WORK || 2L * n * k >= 1 << 16 || k > 4) {
            return java.util.OptionalDouble.empty();
        }
        java.util.Map<Long, Double> distribution = new java.util.HashMap<>();
        distribution.put(0L, 1.0);
        long[] observed = new long[k];
        for (double[] row : rows) {
            int[] doubled = Arrays.stream(Ranks.of(row).ranks()).mapToInt(rank -> (int) Math.round(2 * rank)).toArray();
            for (int j = 0; j < k; j++) {
                observed[j] += doubled[j];
            }
            java.util.List<int[]> rowArrangements = distinctPermutations(doubled);
            long[] increments = rowArrangements.stream().mapToLong(FriedmanTest::encode).toArray();
            double weight = 1.0 / increments.length;
            java.util.Map<Long, Double> next = new java.util.HashMap<>(distribution.size() * 4);
            for (var entry : distribution.entrySet()) {
                double probability = entry.getValue() * weight;
                for (long increment : increments) {
                    // 16 bits a column: sums stay below 2^16, so adding codes adds the sums
                    next.merge(entry.getKey() + increment, probability, Double::sum);
                }
            }
            distribution = next;
        }
        long observedSquares = squares(encode(observed), k);
        double p = 0;
        for (var entry : distribution.entrySet()) {
            if (squares(entry.getKey(), k) >= observedSquares) {
                p += entry.getValue();
            }
        }
        return java.util.OptionalDouble.of(Math.min(1, p));
    }

    private static long encode(int[] sums)
    {
        return encode(Arrays.stream(sums).asLongStream().toArray());
    }

    private static long encode(long[] sums)
    {
        long code = 0;
        for (int j = 0; j < sums.length; j++) {
            code |= sums[j] << (16 * j);
        }
        return code;
    }

    private static long squares(long code, int k)
    {
        long total = 0;
        for (int j = 0; j < k; j++) {
            long sum = (code >>> (16 * j)) & 0xFFFF;
            total += sum * sum;
        }
        return total;
    }

    private static java.util.List<int[]> distinctPermutations(int[] values)
    {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        java.util.List<int[]> permutations = new java.util.ArrayList<>();
        do {
            permutations.add(sorted.clone());
        } while (nextPermutation(sorted));
        return permutations;
    }

    /** Lexicographic next permutation (repeated values give each distinct arrangement once). */
    private static boolean nextPermutation(int[] a)
    {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int swap = a[i];
        a[i] = a[j];
        a[j] = swap;
        for (int left = i + 1, right = a.length - 1; left < right; left++, right--) {
            swap = a[left];
            a[left] = a[right];
            a[right] = swap;
        }
        return true;
    }

    private static double[][] completeRows(double[][] measurements)
    {
        requireNonNull(measurements, "measurements is null");
        if (measurements.length == 0 || measurements[0] == null || measurements[0].length < 2) {
            throw new IllegalArgumentException("need at least 2 columns of measurements");
        }
        int k = measurements[0].length;
        for (int i = 0; i < measurements.length; i++) {
            if (measurements[i] == null || measurements[i].length != k) {
                throw new IllegalArgumentException("row " + i + " does not have " + k + " measurements");
            }
        }
        double[][] complete = Arrays.stream(measurements)
                .filter(row -> Arrays.stream(row).noneMatch(Double::isNaN))
                .toArray(double[][]::new);
        if (complete.length == 0) {
            throw new IllegalArgumentException("no complete row of measurements");
        }
        return complete;
    }
}
