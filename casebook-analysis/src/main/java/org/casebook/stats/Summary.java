package org.casebook.stats;

import java.util.Arrays;

import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Statistic;

/**
 * Descriptive summary of one variable: n, mean, sample SD (n − 1; NaN when n &lt; 2), median,
 * min and max. Computed by Apache Commons Statistics.
 */
public record Summary(int n, double mean, double sd, double median, double min, double max)
{
    public static Summary of(double[] values)
    {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarize");
        }
        DoubleStatistics statistics = DoubleStatistics.of(
                java.util.EnumSet.of(Statistic.MEAN, Statistic.STANDARD_DEVIATION, Statistic.MIN, Statistic.MAX), values);
        double sd = values.length < 2 ? Double.NaN : statistics.getAsDouble(Statistic.STANDARD_DEVIATION);
        double median = Median.withDefaults().evaluate(Arrays.copyOf(values, values.length));
        return new Summary(values.length, statistics.getAsDouble(Statistic.MEAN), sd, median,
                statistics.getAsDouble(Statistic.MIN), statistics.getAsDouble(Statistic.MAX));
    }
}
