package org.casebook.stats;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.OptionalDouble;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Wilcoxon signed-rank test for paired data, two-sided, as R's
 * {@code wilcox.test(x, y, paired = TRUE)} computes it (R 4.2, default {@code exact = NULL}):
 * <ul>
 *   <li>differences d = x − y; zero differences are dropped; n is the number left;</li>
 *   <li>V = sum of the ranks of |d| (ties get the average rank) over the positive d;</li>
 *   <li>when n &lt; 50 and there are neither ties nor zeros: the exact p from the distribution of V
 *       ({@code psignrank}), p = min(1, 2 P(V ≤ v)) or min(1, 2 P(V ≥ v)) on the side of v;</li>
 *   <li>otherwise the normal approximation with continuity correction and tie-corrected variance:
 *       z = (V − n(n+1)/4 − sign·0.5) / sqrt(n(n+1)(2n+1)/24 − Σ(t³ − t)/48), p = 2 min(Φ(z), Φ(−z)).</li>
 * </ul>
 * With {@code exact = TRUE} R would keep the exact distribution for n ≥ 50 without ties or zeros;
 * this class switches to the normal approximation there, as R does by default.
 *
 * <p>With no non-zero difference there is nothing to test: the result has method
 * {@link Method#NOT_COMPUTED} and p = NaN (R returns V = 0 and p = NaN).
 *
 * <p>{@link #testAtPrecision} is the test the report uses: the differences are first rounded to the
 * data's precision, so that ties and zero differences are decided on the values as recorded
 * rather than on binary round-off (R's {@code digits.rank}); below {@link #EXACT_LIMIT} pairs the
 * p-value is exact, and with ties or zero differences it comes from the exact permutation
 * distribution of the tied ranks given the ties, zeros dropped ({@link Method#EXACT_CONDITIONAL}, as
 * {@code coin::wilcoxsign_test(distribution = "exact", zero.method = "Wilcoxon")}).
 */
public final class WilcoxonSignedRank
{
    /** Exact distribution is used below this number of non-zero differences. */
    public static final int EXACT_LIMIT = 50;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /** How the p-value was obtained. */
    public enum Method
    {
        EXACT,
        /** Exact permutation distribution of the signed ranks given the ties (zeros dropped). */
        EXACT_CONDITIONAL,
        NORMAL_APPROXIMATION_CONTINUITY_CORRECTED,
        /** No non-zero difference: no p-value. */
        NOT_COMPUTED,
    }

    /**
     * @param statistic V, the sum of positive ranks
     * @param n number of non-zero differences used
     * @param zeros number of zero differences dropped
     * @param hasTies whether some |d| were tied
     * @param method how p was computed
     * @param pValue two-sided p; NaN when {@code method} is {@link Method#NOT_COMPUTED}
     * @param smallestAttainableP the smallest two-sided p that n non-zero differences can give
     *        (2/2ⁿ, all signs alike); NaN when not computed
     */
    public record Result(double statistic, int n, int zeros, boolean hasTies, Method method, double pValue, double smallestAttainableP)
    {
        public Result
        {
            requireNonNull(method, "method is null");
        }

        public Result(double statistic, int n, int zeros, boolean hasTies, Method method, double pValue)
        {
            this(statistic, n, zeros, hasTies, method, pValue, n == 0 ? Double.NaN : Math.min(1, 2 / Math.pow(2, n)));
        }

        /** The two-sided p-value; empty when there was no non-zero difference to test. */
        public OptionalDouble findPValue()
        {
            return Double.isNaN(pValue) ? OptionalDouble.empty() : OptionalDouble.of(pValue);
        }
    }

    private WilcoxonSignedRank() {}

    /**
     * Two-sided paired test of x against y.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty or contain NaN
     */
    public static Result test(double[] x, double[] y)
    {
        double[] nonZero = nonZeroDifferences(x, y);
        int zeros = x.length - nonZero.length;
        int n = nonZero.length;
        if (n == 0) {
            return new Result(0, 0, zeros, false, Method.NOT_COMPUTED, Double.NaN);
        }
        double[] absolute = Arrays.stream(nonZero).map(Math::abs).toArray();
        Ranks ranks = Ranks.of(absolute);
        double[] rankOfAbsolute = ranks.ranks();
        double v = 0;
        for (int i = 0; i < n; i++) {
            if (nonZero[i] > 0) {
                v += rankOfAbsolute[i];
            }
        }
        boolean ties = ranks.tieCorrection() > 0;
        if (n < EXACT_LIMIT && !ties && zeros == 0) {
            return new Result(v, n, zeros, false, Method.EXACT, exactPValue((int) v, n));
        }
        double p = normalPValue(v, n, ranks.tieCorrection());
        return new Result(v, n, zeros, ties, Method.NORMAL_APPROXIMATION_CONTINUITY_CORRECTED, p);
    }

    /**
     * Two-sided paired test of x against y with the differences x − y rounded half up to
     * {@code decimals} decimal places first (the precision the data were recorded at; values such as
     * CT scores in twelfths are rounded finer than their grid), so that zero differences and ties are
     * the ones in the data. Below {@link #EXACT_LIMIT} non-zero differences the p-value is exact:
     * {@link Method#EXACT} without ties or zeros (as {@code wilcox.test(exact = TRUE)}), otherwise
     * {@link Method#EXACT_CONDITIONAL}, the permutation distribution of the average ranks after
     * dropping the zeros. From {@link #EXACT_LIMIT} on, the normal approximation as {@link #test}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty or contain NaN
     */
    public static Result testAtPrecision(double[] x, double[] y, int decimals)
    {
        return testOfDifferences(differences(x, y), decimals);
    }

    /**
     * {@link #testAtPrecision} of paired differences already taken (CT scores' differences are taken
     * on their exact values, then rounded): each is rounded half up to {@code decimals} places,
     * which leaves a difference already at that precision as it is.
     *
     * @throws IllegalArgumentException if there is no difference or one is NaN
     */
    public static Result testOfDifferences(double[] differences, int decimals)
    {
        double[] all = rounded(differences, decimals);
        double[] nonZero = Arrays.stream(all).filter(d -> d != 0).toArray();
        int zeros = all.length - nonZero.length;
        int n = nonZero.length;
        if (n == 0) {
            return new Result(0, 0, zeros, false, Method.NOT_COMPUTED, Double.NaN);
        }
        Ranks ranks = Ranks.of(Arrays.stream(nonZero).map(Math::abs).toArray());
        double[] rankOfAbsolute = ranks.ranks();
        double v = 0;
        for (int i = 0; i < n; i++) {
            if (nonZero[i] > 0) {
                v += rankOfAbsolute[i];
            }
        }
        boolean ties = ranks.tieCorrection() > 0;
        if (n >= EXACT_LIMIT) {
            // the approximation is never allowed below what n signs can give (2/2^n)
            double smallest = 2 / Math.pow(2, n);
            double p = Math.max(smallest, normalPValue(v, n, ranks.tieCorrection()));
            return new Result(v, n, zeros, ties, Method.NORMAL_APPROXIMATION_CONTINUITY_CORRECTED, p, smallest);
        }
        // average ranks are multiples of 1/2: twice the rank is an integer score
        int[] scores = Arrays.stream(rankOfAbsolute).mapToInt(rank -> (int) Math.round(2 * rank)).toArray();
        SignedScoreDistribution distribution = SignedScoreDistribution.of(scores);
        double p = distribution.twoSided((int) Math.round(2 * v));
        Method method = ties || zeros > 0 ? Method.EXACT_CONDITIONAL : Method.EXACT;
        return new Result(v, n, zeros, ties, method, p, distribution.smallestTwoSided());
    }

    /** x − y, each rounded half up to {@code decimals} places on its shortest decimal form. */
    static double[] roundedDifferences(double[] x, double[] y, int decimals)
    {
        return rounded(differences(x, y), decimals);
    }

    /** Each difference rounded half up to {@code decimals} places on its shortest decimal form (a copy). */
    static double[] rounded(double[] differences, int decimals)
    {
        requireNonNull(differences, "differences is null");
        if (differences.length == 0) {
            throw new IllegalArgumentException("no pairs");
        }
        double[] rounded = new double[differences.length];
        for (int i = 0; i < differences.length; i++) {
            if (Double.isNaN(differences[i])) {
                throw new IllegalArgumentException("pair " + i + " has a missing value");
            }
            rounded[i] = java.math.BigDecimal.valueOf(differences[i]).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
        }
        return rounded;
    }

    private static double exactPValue(int v, int n)
    {
        SignedRankDistribution distribution = SignedRankDistribution.of(n);
        double oneSided = v > n * (n + 1) / 4.0 ? distribution.upperTail(v) : distribution.lowerTail(v);
        return Math.min(1, 2 * oneSided);
    }

    private static double normalPValue(double v, int n, double tieCorrection)
    {
        double z = v - n * (n + 1.0) / 4;
        double sigma = Math.sqrt(n * (n + 1.0) * (2 * n + 1) / 24 - tieCorrection / 48);
        z = (z - Math.signum(z) * 0.5) / sigma;
        return 2 * Math.min(STANDARD_NORMAL.cumulativeProbability(z), STANDARD_NORMAL.cumulativeProbability(-z));
    }

    private static double[] nonZeroDifferences(double[] x, double[] y)
    {
        return Arrays.stream(differences(x, y)).filter(d -> d != 0).toArray();
    }

    private static double[] differences(double[] x, double[] y)
    {
        requireNonNull(x, "x is null");
        requireNonNull(y, "y is null");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " and " + y.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("no pairs");
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
