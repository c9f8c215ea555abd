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
 */
public final class FriedmanTest
{
    /**
     * @param statistic Friedman chi-squared Q
     * @param degreesOfFreedom k − 1
     * @param pValue upper-tail chi-squared probability
     * @param blocks complete rows used
     */
    public record Result(double statistic, int degreesOfFreedom, double pValue, int blocks) {}

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
