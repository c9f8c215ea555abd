package org.casebook.stats;

import static java.util.Objects.requireNonNull;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.TTest;

/**
 * Paired t-test, two-sided, as R's {@code t.test(x, y, paired = TRUE)}: t = mean(d) / (sd(d)/√n) with
 * d = x − y, df = n − 1, and the confidence interval mean(d) ± qt(1 − α/2, n − 1) sd(d)/√n.
 * t, df and p come from Commons Statistics {@link TTest#pairedTest}. When every difference is zero,
 * t, p and the interval are NaN, as in R.
 */
public final class PairedTTest
{
    private static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    /**
     * @param statistic t
     * @param degreesOfFreedom n − 1
     * @param pValue two-sided p
     * @param meanDifference mean of x − y
     * @param ciLow lower confidence bound of the mean difference
     * @param ciHigh upper confidence bound of the mean difference
     */
    public record Result(double statistic, double degreesOfFreedom, double pValue, double meanDifference, double ciLow, double ciHigh) {}

    private PairedTTest() {}

    /**
     * Paired t-test with a 95% confidence interval.
     *
     * @throws IllegalArgumentException as {@link #test(double[], double[], double)}
     */
    public static Result test(double[] x, double[] y)
    {
        return test(x, y, DEFAULT_CONFIDENCE_LEVEL);
    }

    /**
     * @throws IllegalArgumentException if the arrays differ in length, have fewer than 2 pairs, contain NaN,
     * the differences are essentially constant (R: "data are essentially constant"), or the level is not in (0, 1)
     */
    public static Result test(double[] x, double[] y, double confidenceLevel)
    {
        double[] differences = differences(x, y);
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1): " + confidenceLevel);
        }
        int n = differences.length;
        double mean = Mean.of(differences).getAsDouble();
        double standardError = StandardDeviation.of(differences).getAsDouble() / Math.sqrt(n);
        // R's test: stderr < 10 * .Machine$double.eps * abs(mean)
        if (standardError < 10 * Math.ulp(1.0) * Math.abs(mean)) {
            throw new IllegalArgumentException("differences are essentially constant: " + mean);
        }
        TTest.Result test = TTest.withDefaults().pairedTest(x, y);
        if (standardError == 0) {
            // all differences zero: t = 0/0; R's interval (t ± q) * stderr is NaN as well
            return new Result(test.getStatistic(), test.getDegreesOfFreedom(), test.getPValue(), mean, Double.NaN, Double.NaN);
        }
        double halfWidth = TDistribution.of(n - 1).inverseSurvivalProbability((1 - confidenceLevel) / 2) * standardError;
        return new Result(test.getStatistic(), test.getDegreesOfFreedom(), test.getPValue(), mean, mean - halfWidth, mean + halfWidth);
    }

    private static double[] differences(double[] x, double[] y)
    {
        requireNonNull(x, "x is null");
        requireNonNull(y, "y is null");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " and " + y.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("need at least 2 pairs, got " + x.length);
        }
        double[] differences = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                throw new IllegalArgumentException("pair " + i + " has a missing value");
            }
            differences[i] = x[i] - y[i];
        }
        return differences;
    }
}
