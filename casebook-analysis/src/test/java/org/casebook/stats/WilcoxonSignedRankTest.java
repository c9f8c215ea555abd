package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.casebook.stats.WilcoxonSignedRank.Method;
import org.casebook.stats.WilcoxonSignedRank.Result;
import org.junit.jupiter.api.Test;

/**
 * References from R 4.2.2, options(digits = 17), printing {@code c(V = t$statistic, p = t$p.value)}
 * for {@code t <- wilcox.test(x, y, paired = TRUE, ...)}.
 */
class WilcoxonSignedRankTest
{
    private static final double TOLERANCE_PERCENT = 1e-7;

    @Test
    void exactPValueWithoutTiesOrZeros()
    {
        // x <- c(1.83, 0.50, 1.62, 2.48, 1.36, 1.32, 0.65, 0.71); y <- c(0.88, 0.65, 0.60, 2.05, 1.06, 1.29, 1.16, 0.47)
        // wilcox.test(x, y, paired = TRUE, exact = TRUE)  ->  V = 28, p = 0.19531250000000006
        Result result = WilcoxonSignedRank.test(
                new double[] {1.83, 0.50, 1.62, 2.48, 1.36, 1.32, 0.65, 0.71},
                new double[] {0.88, 0.65, 0.60, 2.05, 1.06, 1.29, 1.16, 0.47});

        assertThat(result.method()).isEqualTo(Method.EXACT);
        assertThat(result.statistic()).isEqualTo(28);
        assertThat(result.n()).isEqualTo(8);
        assertThat(result.pValue()).isCloseTo(0.19531250000000006, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void sixPairsAllImprovedGiveTheSmallestExactPValue()
    {
        // x <- c(310, 250, 180, 400, 220, 290); y <- c(200, 150, 120, 285, 100, 150)
        // wilcox.test(x, y, paired = TRUE, exact = TRUE)  ->  V = 21, p = 0.031250000000000014 (= 2/64)
        Result result = WilcoxonSignedRank.test(
                new double[] {310, 250, 180, 400, 220, 290},
                new double[] {200, 150, 120, 285, 100, 150});

        assertThat(result.method()).isEqualTo(Method.EXACT);
        assertThat(result.statistic()).isEqualTo(21);
        assertThat(result.pValue()).isCloseTo(0.031250000000000014, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.findPValue()).isPresent();
    }

    @Test
    void tiesSwitchToNormalApproximation()
    {
        // x <- c(310, 250, 180, 400, 220, 290); y <- c(200, 150, 120, 280, 100, 150)   (two differences of 120)
        // wilcox.test(x, y, paired = TRUE, exact = TRUE)  ->  V = 21, p = 0.035522336623414599, "cannot compute exact p-value with ties"
        Result result = WilcoxonSignedRank.test(
                new double[] {310, 250, 180, 400, 220, 290},
                new double[] {200, 150, 120, 280, 100, 150});

        assertThat(result.method()).isEqualTo(Method.NORMAL_APPROXIMATION_CONTINUITY_CORRECTED);
        assertThat(result.hasTies()).isTrue();
        assertThat(result.statistic()).isEqualTo(21);
        assertThat(result.pValue()).isCloseTo(0.035522336623414599, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void zerosAndTiesUseNormalApproximationOnTheNonZeroDifferences()
    {
        // x <- c(10, 12, 15, 11, 9, 14, 13, 20); y <- c(8, 12, 12, 9, 10, 11, 13, 14)
        // wilcox.test(x, y, paired = TRUE, exact = TRUE)  ->  V = 20, p = 0.057779571123597238
        Result result = WilcoxonSignedRank.test(
                new double[] {10, 12, 15, 11, 9, 14, 13, 20},
                new double[] {8, 12, 12, 9, 10, 11, 13, 14});

        assertThat(result.method()).isEqualTo(Method.NORMAL_APPROXIMATION_CONTINUITY_CORRECTED);
        assertThat(result.n()).isEqualTo(6);
        assertThat(result.zeros()).isEqualTo(2);
        assertThat(result.statistic()).isEqualTo(20);
        assertThat(result.pValue()).isCloseTo(0.057779571123597238, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void tiedRanksGiveHalfIntegerStatistic()
    {
        // x <- c(5, 7, 6, 9, 4); y <- c(3, 5, 8, 7, 4)
        // wilcox.test(x, y, paired = TRUE, exact = TRUE)  ->  V = 7.5, p = 0.42371079716679333
        Result result = WilcoxonSignedRank.test(new double[] {5, 7, 6, 9, 4}, new double[] {3, 5, 8, 7, 4});

        assertThat(result.statistic()).isEqualTo(7.5);
        assertThat(result.pValue()).isCloseTo(0.42371079716679333, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void singlePairHasPValueOne()
    {
        // wilcox.test(5, 3, paired = TRUE, exact = TRUE)  ->  V = 1, p = 1
        Result result = WilcoxonSignedRank.test(new double[] {5}, new double[] {3});

        assertThat(result.method()).isEqualTo(Method.EXACT);
        assertThat(result.n()).isEqualTo(1);
        assertThat(result.statistic()).isEqualTo(1);
        assertThat(result.pValue()).isEqualTo(1.0);
    }

    @Test
    void allDifferencesZeroGiveNoPValue()
    {
        // wilcox.test(c(1, 2), c(1, 2), paired = TRUE, exact = TRUE)  ->  V = 0, p = NaN
        Result result = WilcoxonSignedRank.test(new double[] {1, 2}, new double[] {1, 2});

        assertThat(result.method()).isEqualTo(Method.NOT_COMPUTED);
        assertThat(result.n()).isZero();
        assertThat(result.zeros()).isEqualTo(2);
        assertThat(result.statistic()).isZero();
        assertThat(result.pValue()).isNaN();
        assertThat(result.findPValue()).isEmpty();
    }

    @Test
    void fortyNinePairsStillExact()
    {
        // x49 <- (1:49 * 37) %% 61; wilcox.test(x49, rep(20.3, 49), paired = TRUE)  ->  V = 944, p = 7.1848113092798382e-04
        Result result = WilcoxonSignedRank.test(modularSeries(49), constant(49, 20.3));

        assertThat(result.method()).isEqualTo(Method.EXACT);
        assertThat(result.statistic()).isEqualTo(944);
        assertThat(result.pValue()).isCloseTo(7.1848113092798382e-04, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void fiftyOrMorePairsSwitchToNormalApproximationEvenWithoutTies()
    {
        // x55 <- (1:55 * 37) %% 61; wilcox.test(x55, rep(20.3, 55), paired = TRUE)  ->  V = 1189, p = 4.5417379741196777e-04
        // (with exact = TRUE R would keep the exact distribution: p = 3.0882060619552695e-04)
        Result result = WilcoxonSignedRank.test(modularSeries(55), constant(55, 20.3));

        assertThat(result.method()).isEqualTo(Method.NORMAL_APPROXIMATION_CONTINUITY_CORRECTED);
        assertThat(result.hasTies()).isFalse();
        assertThat(result.statistic()).isEqualTo(1189);
        assertThat(result.pValue()).isCloseTo(4.5417379741196777e-04, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void rejectsUnpairedOrMissingData()
    {
        assertThatThrownBy(() -> WilcoxonSignedRank.test(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 and 1");
        assertThatThrownBy(() -> WilcoxonSignedRank.test(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pair 1");
        assertThatThrownBy(() -> WilcoxonSignedRank.test(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** (1:n * 37) %% 61 in R: distinct values 1..60, so the differences from 20.3 have no ties or zeros. */
    private static double[] modularSeries(int n)
    {
        return IntStream.rangeClosed(1, n).mapToDouble(i -> (i * 37) % 61).toArray();
    }

    private static double[] constant(int n, double value)
    {
        double[] values = new double[n];
        Arrays.fill(values, value);
        return values;
    }
}
