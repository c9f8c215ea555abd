package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * References from R 4.2.2, options(digits = 17), with the exact Walsh-average interval in base R
 * (for data without ties or zeros it equals {@code wilcox.test(d, conf.int = TRUE, exact = TRUE)}):
 * <pre>
 * walsh &lt;- function(d) { w &lt;- outer(d, d, "+") / 2; sort(w[lower.tri(w, diag = TRUE)]) }
 * hl &lt;- function(d, conf = 0.95) { n &lt;- length(d); w &lt;- walsh(d); qu &lt;- qsignrank((1 - conf) / 2, n); if (qu == 0) qu &lt;- 1
 *   ql &lt;- n * (n + 1) / 2 - qu; c(est = median(w), lo = w[qu], hi = w[ql + 1], ach = 1 - 2 * psignrank(trunc(qu) - 1, n)) }
 * </pre>
 */
class HodgesLehmannTest
{
    private static final double TOLERANCE = 1e-12;

    private static HodgesLehmann.Result ofDifferences(int decimals, double... d)
    {
        return HodgesLehmann.pairedDifference(d, new double[d.length], decimals);
    }

    @Test
    void withoutTiesItIsWilcoxTestsInterval()
    {
        // hl(c(2,4,-1,5,3,6,8))  ->  est 4, lo 1, hi 6.5, ach 0.953125
        // wilcox.test(c(2,4,-1,5,3,6,8), conf.int = TRUE, exact = TRUE): (pseudo)median 4.0, 1.0 to 6.5
        HodgesLehmann.Result result = ofDifferences(0, 2, 4, -1, 5, 3, 6, 8);

        assertThat(result.estimate()).isEqualTo(4);
        assertThat(result.ciLow()).isEqualTo(1);
        assertThat(result.ciHigh()).isEqualTo(6.5);
        assertThat(result.achievedConfidence()).isCloseTo(0.953125, within(TOLERANCE));
        assertThat(result.n()).isEqualTo(7);
    }

    @Test
    void tiedDifferences()
    {
        // hl(c(110,100,60,120,120,140))  ->  est 110, lo 60, hi 140, ach 0.96875
        HodgesLehmann.Result result = ofDifferences(0, 110, 100, 60, 120, 120, 140);

        assertThat(result.estimate()).isEqualTo(110);
        assertThat(result.ciLow()).isEqualTo(60);
        assertThat(result.ciHigh()).isEqualTo(140);
        assertThat(result.achievedConfidence()).isCloseTo(0.96875, within(TOLERANCE));
    }

    @Test
    void zeroDifferencesAreKeptAsData()
    {
        // hl(c(5,0,3,-1,3,7,2,0))  ->  est 2.5, lo 0, hi 5, ach 0.9609375
        HodgesLehmann.Result result = ofDifferences(0, 5, 0, 3, -1, 3, 7, 2, 0);

        assertThat(result.estimate()).isEqualTo(2.5);
        assertThat(result.ciLow()).isEqualTo(0);
        assertThat(result.ciHigh()).isEqualTo(5);
        assertThat(result.achievedConfidence()).isCloseTo(0.9609375, within(TOLERANCE));
    }

    @Test
    void differencesAreRoundedToTheDataPrecisionFirst()
    {
        // d <- round(c(1.3, 2.2, 0.5, 3.9, 1.8, 2.6) - c(1.1, 2.0, 0.1, 3.2, 0.9, 2.8), 1); hl(d)
        //   ->  est 0.34999999999999998, lo -0.2, hi 0.9, ach 0.96875
        HodgesLehmann.Result result = HodgesLehmann.pairedDifference(
                new double[] {1.3, 2.2, 0.5, 3.9, 1.8, 2.6}, new double[] {1.1, 2.0, 0.1, 3.2, 0.9, 2.8}, 1);

        assertThat(result.estimate()).isCloseTo(0.35, within(TOLERANCE));
        assertThat(result.ciLow()).isEqualTo(-0.2);
        assertThat(result.ciHigh()).isEqualTo(0.9);
    }

    @Test
    void twoPairsGiveTheWidestIntervalWithItsLowerConfidence()
    {
        // hl(c(2,5))  ->  est 3.5, lo 2, hi 5, ach 0.5 (R warns: requested conf.level not achievable)
        HodgesLehmann.Result result = ofDifferences(0, 2, 5);

        assertThat(result.estimate()).isEqualTo(3.5);
        assertThat(result.ciLow()).isEqualTo(2);
        assertThat(result.ciHigh()).isEqualTo(5);
        assertThat(result.achievedConfidence()).isCloseTo(0.5, within(TOLERANCE));
    }

    @Test
    void allZeroDifferences()
    {
        // hl(rep(0, 6))  ->  est 0, lo 0, hi 0, ach 0.96875
        HodgesLehmann.Result result = ofDifferences(0, 0, 0, 0, 0, 0, 0);

        assertThat(result.estimate()).isZero();
        assertThat(result.ciLow()).isZero();
        assertThat(result.ciHigh()).isZero();
    }

    @Test
    void largeSeriesUseTheNormalQuantile()
    {
        // set.seed(1); d <- round(rnorm(70, 1, 2), 1); hl(d)  ->  est 1.35, lo 0.9, hi 1.75 (exact q = 907)
        // n <- 70; floor(n*(n+1)/4 - qnorm(0.975)*sqrt(n*(n+1)*(2*n+1)/24))  ->  907, the same interval
        double[] d = {-0.3, 1.4, -0.7, 4.2, 1.7, -0.6, 2, 2.5, 2.2, 0.4, 4, 1.8, -0.2, -3.4, 3.2, 0.9, 1, 2.9, 2.6, 2.2, 2.8, 2.6, 1.1, -3,
                2.2, 0.9, 0.7, -1.9, 0, 1.8, 3.7, 0.8, 1.8, 0.9, -1.8, 0.2, 0.2, 0.9, 3.2, 2.5, 0.7, 0.5, 2.4, 2.1, -0.4, -0.4, 1.7, 2.5, 0.8,
                2.8, 1.8, -0.2, 1.7, -1.3, 3.9, 5, 0.3, -1.1, 2.1, 0.7, 5.8, 0.9, 2.4, 1.1, -0.5, 1.4, -2.6, 3.9, 1.3, 5.3};
        HodgesLehmann.Result result = ofDifferences(1, d);

        assertThat(result.n()).isEqualTo(70);
        assertThat(result.estimate()).isCloseTo(1.35, within(TOLERANCE));
        assertThat(result.ciLow()).isCloseTo(0.9, within(TOLERANCE));
        assertThat(result.ciHigh()).isCloseTo(1.75, within(TOLERANCE));
        assertThat(result.achievedConfidence()).isCloseTo(0.95048258948702535, within(1e-3));
    }

    @Test
    void rejectsFewerThanTwoPairsAndMissingValues()
    {
        assertThatThrownBy(() -> ofDifferences(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HodgesLehmann.pairedDifference(new double[] {1, Double.NaN}, new double[] {0, 0}, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
