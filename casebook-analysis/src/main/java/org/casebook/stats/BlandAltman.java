package org.casebook.stats;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import org.apache.commons.numbers.fraction.Fraction;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Bland–Altman agreement of two readers (Bland and Altman 1986, 1999): the differences a − b,
 * their mean (the bias) with its t interval, and the 95% limits of agreement bias ± 1.96 SD with
 * the approximate confidence interval of each limit, ± t(n − 1) √(3 SD²/n). In base R:
 * {@code d <- a - b; mean(d); sd(d); mean(d) + c(-1, 1) * 1.96 * sd(d); mean(d) + c(-1, 1) * qt(0.975, n - 1) * sd(d)/sqrt(n)}.
 * With perfect agreement every value is 0 (SD 0), not NaN.
 */
public final class BlandAltman
{
    private static final double LIMIT_MULTIPLIER = 1.96;

    /**
     * @param n pairs
     * @param bias mean of a − b
     * @param sd sample SD of the differences
     * @param biasCiLow lower 95% bound of the bias
     * @param biasCiHigh upper 95% bound of the bias
     * @param lowerLimit bias − 1.96 SD
     * @param upperLimit bias + 1.96 SD
     * @param limitCiHalfWidth half-width of each limit's 95% interval, t √(3 SD²/n)
     */
    public record Result(int n, double bias, double sd, double biasCiLow, double biasCiHigh, double lowerLimit, double upperLimit,
            double limitCiHalfWidth) {}

    private BlandAltman() {}

    /**
     * @throws IllegalArgumentException if the arrays differ in length, hold fewer than 2 pairs or a NaN
     */
    public static Result of(double[] a, double[] b)
    {
        requireNonNull(a, "a is null");
        requireNonNull(b, "b is null");
        if (a.length != b.length) {
            throw new IllegalArgumentException("a and b differ in length: " + a.length + " and " + b.length);
        }
        int n = a.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 pairs, got " + n);
        }
        BigDecimal sum = BigDecimal.ZERO;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                throw new IllegalArgumentException("pair " + i + " has a missing value");
            }
            d[i] = a[i] - b[i];
            sum = sum.add(BigDecimal.valueOf(d[i]));
        }
        return of(d, sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue());
    }

    /**
     * Agreement of exact scores (CT totals in sixths): the differences a − b and their mean (the
     * bias) are exact, converted once, so that a bias of exactly 110.25 prints as 110.3; the SD from
     * the differences' nearest doubles.
     *
     * @throws IllegalArgumentException if the lists differ in length or hold fewer than 2 pairs
     */
    public static Result ofExact(List<Fraction> a, List<Fraction> b)
    {
        requireNonNull(a, "a is null");
        requireNonNull(b, "b is null");
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("a and b differ in length: " + a.size() + " and " + b.size());
        }
        if (a.size() < 2) {
            throw new IllegalArgumentException("need at least 2 pairs, got " + a.size());
        }
        List<Fraction> differences = new java.util.ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            differences.add(a.get(i).subtract(b.get(i)));
        }
        double[] d = differences.stream().mapToDouble(Fraction::doubleValue).toArray();
        return of(d, ExactSum.of(differences).divide(d.length).doubleValue());
    }

    private static Result of(double[] d, double mean)
    {
        int n = d.length;
        double squares = 0;
        for (double difference : d) {
            squares += (difference - mean) * (difference - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double t = TDistribution.of(n - 1).inverseSurvivalProbability(0.025);
        double biasHalfWidth = t * sd / Math.sqrt(n);
        return new Result(n, mean, sd, mean - biasHalfWidth, mean + biasHalfWidth, mean - LIMIT_MULTIPLIER * sd, mean + LIMIT_MULTIPLIER * sd,
                t * Math.sqrt(3 * sd * sd / n));
    }
}
