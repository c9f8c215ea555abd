package org.casebook.stats;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

import org.apache.commons.statistics.distribution.FDistribution;

/**
 * ICC(2,1): two-way random effects, absolute agreement, single rater (McGraw and Wong's ICC(A,1)),
 * with the F-based confidence interval of McGraw and Wong (1996).
 *
 * <p>Reproduces R's {@code irr::icc(ratings, model = "twoway", type = "agreement", unit = "single")}
 * (irr 0.84.1): rows with a missing rating (NaN) are dropped as {@code na.omit} does, then
 * <pre>
 * ICC = (MSR − MSE) / (MSR + (k − 1) MSE + k/n (MSC − MSE))
 * a = k ICC / (n (1 − ICC)),  b = 1 + k ICC (n − 1) / (n (1 − ICC))
 * v = (a MSC + b MSE)² / ((a MSC)² / (k − 1) + (b MSE)² / ((n − 1)(k − 1)))
 * FL = qf(1 − α/2, n − 1, v),  FU = qf(1 − α/2, v, n − 1)
 * low  = n (MSR − FL MSE) / (FL (k MSC + (kn − k − n) MSE) + n MSR)
 * high = n (FU MSR − MSE) / (k MSC + (kn − k − n) MSE + n FU MSR)
 * </pre>
 * The mean squares come from sums of squared deviations (two-pass), so perfect agreement gives
 * MSE = MSC = 0 exactly. Then ICC = 1 and v is 0/0: the bounds are NaN, as irr returns them when its
 * mean squares are exactly zero (irr's variance-based arithmetic can instead leave round-off and
 * print bounds near 1).
 *
 * <p>Input: {@code ratings[subject][rater]}, for example CT scores of 6 patients read by 3 radiologists.
 */
public final class IntraclassCorrelation
{
    private static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    private IntraclassCorrelation() {}

    /**
     * ICC(2,1) with a 95% confidence interval.
     *
     * @throws IllegalArgumentException if the matrix is ragged, has fewer than 2 raters or fewer than 2 complete rows
     */
    public static IccResult compute(double[][] ratings)
    {
        return compute(ratings, DEFAULT_CONFIDENCE_LEVEL);
    }

    /**
     * ICC(2,1) with a confidence interval at {@code confidenceLevel} (irr's {@code conf.level}).
     *
     * @throws IllegalArgumentException if the matrix is ragged, has fewer than 2 raters or fewer than 2
     * complete rows, or the confidence level is not in (0, 1)
     */
    public static IccResult compute(double[][] ratings, double confidenceLevel)
    {
        requireNonNull(ratings, "ratings is null");
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1): " + confidenceLevel);
        }
        double[][] complete = completeRows(ratings);
        int n = complete.length;
        int k = complete[0].length;
        MeanSquares ms = MeanSquares.of(complete);
        double icc = (ms.subjects() - ms.error())
                / (ms.subjects() + (k - 1) * ms.error() + (double) k / n * (ms.raters() - ms.error()));
        double[] bounds = confidenceBounds(icc, ms, n, k, 1 - confidenceLevel);
        return new IccResult(icc, bounds[0], bounds[1], n, k, ms.subjects(), ms.raters(), ms.error());
    }

    private static double[] confidenceBounds(double icc, MeanSquares ms, int n, int k, double alpha)
    {
        double a = k * icc / (n * (1 - icc));
        double b = 1 + k * icc * (n - 1) / (n * (1 - icc));
        double v = square(a * ms.raters() + b * ms.error())
                / (square(a * ms.raters()) / (k - 1) + square(b * ms.error()) / ((n - 1) * (k - 1)));
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            // irr: qf() with NaN degrees of freedom gives NaN bounds
            return new double[] {Double.NaN, Double.NaN};
        }
        double fLow = FDistribution.of(n - 1, v).inverseSurvivalProbability(alpha / 2);
        double fHigh = FDistribution.of(v, n - 1).inverseSurvivalProbability(alpha / 2);
        double common = k * ms.raters() + ((double) k * n - k - n) * ms.error();
        double low = n * (ms.subjects() - fLow * ms.error()) / (fLow * common + n * ms.subjects());
        double high = n * (fHigh * ms.subjects() - ms.error()) / (common + n * fHigh * ms.subjects());
        return new double[] {low, high};
    }

    private static double[][] completeRows(double[][] ratings)
    {
        if (ratings.length == 0 || ratings[0] == null) {
            throw new IllegalArgumentException("no ratings");
        }
        int k = ratings[0].length;
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 raters, got " + k);
        }
        for (int i = 0; i < ratings.length; i++) {
            if (ratings[i] == null || ratings[i].length != k) {
                throw new IllegalArgumentException("row " + i + " does not have " + k + " ratings");
            }
        }
        double[][] complete = Arrays.stream(ratings)
                .filter(row -> Arrays.stream(row).noneMatch(Double::isNaN))
                .toArray(double[][]::new);
        if (complete.length < 2) {
            throw new IllegalArgumentException("need at least 2 subjects with complete ratings, got " + complete.length);
        }
        return complete;
    }

    private static double square(double x)
    {
        return x * x;
    }

    /** Two-way ANOVA mean squares without interaction: subjects (rows), raters (columns), residual. */
    private record MeanSquares(double subjects, double raters, double error)
    {
        static MeanSquares of(double[][] x)
        {
            int n = x.length;
            int k = x[0].length;
            double[] rowMeans = new double[n];
            double[] columnMeans = new double[k];
            double total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    rowMeans[i] += x[i][j];
                    columnMeans[j] += x[i][j];
                    total += x[i][j];
                }
            }
            // sums first, one division each: a row of equal ratings has exactly that rating as mean
            for (int i = 0; i < n; i++) {
                rowMeans[i] /= k;
            }
            for (int j = 0; j < k; j++) {
                columnMeans[j] /= n;
            }
            double grandMean = total / (n * k);
            double ssRows = 0;
            double ssColumns = 0;
            double ssError = 0;
            for (int i = 0; i < n; i++) {
                ssRows += k * square(rowMeans[i] - grandMean);
                for (int j = 0; j < k; j++) {
                    ssError += square(x[i][j] - rowMeans[i] - columnMeans[j] + grandMean);
                }
            }
            for (int j = 0; j < k; j++) {
                ssColumns += n * square(columnMeans[j] - grandMean);
            }
            return new MeanSquares(ssRows / (n - 1), ssColumns / (k - 1), ssError / ((n - 1) * (k - 1)));
        }
    }
}
