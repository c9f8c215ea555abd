package org.casebook.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.numbers.fraction.Fraction;

import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;

/**
 * Descriptive summary of one variable: n, mean, sample SD (n − 1; NaN when n &lt; 2), median,
 * min and max. The mean and the median (of an even count) are computed on the decimal values as
 * written ({@link BigDecimal#valueOf(double)}), then converted once, so that a mean of 133.05 is the
 * double nearest 133.05 and prints as 133.1 with half-up rounding (binary summation can leave
 * 133.04999999999998). The SD, min and max come from Apache Commons Statistics.
 */
public record Summary(int n, double mean, double sd, double median, double min, double max)
{
    public static Summary of(double[] values)
    {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarize");
        }
        DoubleStatistics statistics = DoubleStatistics.of(
                java.util.EnumSet.of(Statistic.STANDARD_DEVIATION, Statistic.MIN, Statistic.MAX), values);
        double sd = values.length < 2 ? Double.NaN : statistics.getAsDouble(Statistic.STANDARD_DEVIATION);
        return new Summary(values.length, exactMean(values), sd, exactMedian(values),
                statistics.getAsDouble(Statistic.MIN), statistics.getAsDouble(Statistic.MAX));
    }

    /**
     * The summary of exact values (CT scores: sixths, twelfths): the mean and the median from the
     * fractions themselves, converted once to the nearest double, so that a mean that is exactly
     * 175.05 prints as 175.1; the SD, min and max from the values' nearest doubles.
     */
    public static Summary ofExact(List<Fraction> values)
    {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarize");
        }
        double[] nearest = values.stream().mapToDouble(Fraction::doubleValue).toArray();
        DoubleStatistics statistics = DoubleStatistics.of(
                java.util.EnumSet.of(Statistic.STANDARD_DEVIATION, Statistic.MIN, Statistic.MAX), nearest);
        double sd = values.size() < 2 ? Double.NaN : statistics.getAsDouble(Statistic.STANDARD_DEVIATION);
        List<Fraction> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle).doubleValue()
                : sorted.get(middle - 1).add(sorted.get(middle)).divide(2).doubleValue();
        return new Summary(values.size(), ExactSum.of(values).divide(values.size()).doubleValue(), sd, median,
                statistics.getAsDouble(Statistic.MIN), statistics.getAsDouble(Statistic.MAX));
    }

    private static double exactMean(double[] values)
    {
        BigDecimal sum = BigDecimal.ZERO;
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return Arrays.stream(values).sum() / values.length;
            }
            sum = sum.add(BigDecimal.valueOf(value));
        }
        return sum.divide(BigDecimal.valueOf(values.length), MathContext.DECIMAL128).doubleValue();
    }

    private static double exactMedian(double[] values)
    {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        if (sorted.length % 2 == 1) {
            return sorted[middle];
        }
        if (!Double.isFinite(sorted[middle - 1]) || !Double.isFinite(sorted[middle])) {
            return (sorted[middle - 1] + sorted[middle]) / 2;
        }
        return BigDecimal.valueOf(sorted[middle - 1]).add(BigDecimal.valueOf(sorted[middle]))
                .divide(BigDecimal.valueOf(2), MathContext.DECIMAL128).doubleValue();
    }
}
