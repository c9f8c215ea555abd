package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.casebook.stats.WilcoxonSignedRank.Method;
import org.casebook.stats.WilcoxonSignedRank.Result;
import org.junit.jupiter.api.Test;

/**
 * {@link WilcoxonSignedRank#testAtPrecision}: ties and zeros decided on rounded differences, the
 * exact permutation distribution given the ties. References from R 4.2.2 with coin 1.4-2 and
 * exactRankTests 0.8-35, options(digits = 17):
 * <pre>
 * cw &lt;- function(x, y) c(coin = pvalue(coin::wilcoxsign_test(x ~ y, distribution = "exact", zero.method = "Wilcoxon")),
 *                        exactRankTests = exactRankTests::wilcox.exact(x, y, paired = TRUE)$p.value)
 * </pre>
 * (both columns agree in every case below).
 */
class WilcoxonAtPrecisionTest
{
    private static final double TOLERANCE = 1e-12;

    @Test
    void tiedDifferencesUseTheExactConditionalDistribution()
    {
        // cw(c(310,250,180,400,220,290), c(200,150,120,280,100,150))  ->  0.03125 (V = 21)
        // (wilcox.test gives the normal approximation 0.0355223366234146 here)
        Result result = WilcoxonSignedRank.testAtPrecision(
                new double[] {310, 250, 180, 400, 220, 290}, new double[] {200, 150, 120, 280, 100, 150}, 0);

        assertThat(result.method()).isEqualTo(Method.EXACT_CONDITIONAL);
        assertThat(result.hasTies()).isTrue();
        assertThat(result.statistic()).isEqualTo(21);
        assertThat(result.pValue()).isCloseTo(0.03125, within(TOLERANCE));
        assertThat(result.smallestAttainableP()).isEqualTo(0.03125);
    }

    @Test
    void zeroDifferencesAreDroppedBeforeRanking()
    {
        // cw(c(10,12,15,11,9,14,13,20), c(8,12,12,9,10,11,13,14))  ->  0.0625 (V = 20, 2 zeros; wilcox.test: 0.0577795711235972)
        Result result = WilcoxonSignedRank.testAtPrecision(
                new double[] {10, 12, 15, 11, 9, 14, 13, 20}, new double[] {8, 12, 12, 9, 10, 11, 13, 14}, 0);

        assertThat(result.method()).isEqualTo(Method.EXACT_CONDITIONAL);
        assertThat(result.zeros()).isEqualTo(2);
        assertThat(result.n()).isEqualTo(6);
        assertThat(result.statistic()).isEqualTo(20);
        assertThat(result.pValue()).isCloseTo(0.0625, within(TOLERANCE));
    }

    @Test
    void oneDecimalValuesTieWhenTheirDifferencesAreEqualAsRecorded()
    {
        // x <- c(1.3, 2.2, 0.5, 3.9, 1.8, 2.6); y <- c(1.1, 2.0, 0.1, 3.2, 0.9, 2.8)
        // x - y: 0.19999999999999996 0.20000000000000018 ... -0.19999999999999973 (three 0.2 split by round-off)
        // wilcox.test(x, y, paired = TRUE)$p.value  ->  0.0625 ("exact": no tie seen)
        // d <- round(x - y, 1); sum(rank(abs(d))[d > 0]); pvalue(wilcoxsign_test(d ~ rep(0, 6), distribution = "exact",
        //     zero.method = "Wilcoxon"))  ->  V = 19, p = 0.125
        double[] x = {1.3, 2.2, 0.5, 3.9, 1.8, 2.6};
        double[] y = {1.1, 2.0, 0.1, 3.2, 0.9, 2.8};

        Result raw = WilcoxonSignedRank.test(x, y);
        Result rounded = WilcoxonSignedRank.testAtPrecision(x, y, 1);

        assertThat(raw.method()).isEqualTo(Method.EXACT);
        assertThat(raw.pValue()).isCloseTo(0.0625, within(TOLERANCE));
        assertThat(rounded.method()).isEqualTo(Method.EXACT_CONDITIONAL);
        assertThat(rounded.hasTies()).isTrue();
        assertThat(rounded.statistic()).isEqualTo(19);
        assertThat(rounded.pValue()).isCloseTo(0.125, within(TOLERANCE));
    }

    @Test
    void ctScoresInTwelfthsTieAtTheirTrueValues()
    {
        // Consensus of two Ichikado reads = (sum1/6 + sum2/6)/2; the first two differences are both -/+1868/12:
        // x <- (c(928,3226,1500,1200,2000,3000)/6 + c(922,1661,1500,1300,2500,3000)/6)/2
        // y <- (c(2676,656,1000,1400,1000,1500)/6 + c(1042,2363,1000,1600,1000,1500)/6)/2
        // x - y: -155.666666666666657 155.666666666666686 83.33 -41.67 208.33 250
        // wilcox.test(x, y, paired = TRUE)  ->  V = 17, p = 0.21875000000000008 (ties split by round-off)
        // d <- round(x - y, 6); sum(rank(abs(d))[d > 0]); pvalue(wilcoxsign_test(d ~ rep(0, 6), distribution = "exact",
        //     zero.method = "Wilcoxon"))  ->  V = 16.5, p = 0.25
        double[] x = new double[6];
        double[] y = new double[6];
        int[][] sums = {{928, 922, 2676, 1042}, {3226, 1661, 656, 2363}, {1500, 1500, 1000, 1000}, {1200, 1300, 1400, 1600},
                {2000, 2500, 1000, 1000}, {3000, 3000, 1500, 1500}};
        for (int i = 0; i < 6; i++) {
            x[i] = (sums[i][0] / 6.0 + sums[i][1] / 6.0) / 2;
            y[i] = (sums[i][2] / 6.0 + sums[i][3] / 6.0) / 2;
        }

        Result raw = WilcoxonSignedRank.test(x, y);
        Result rounded = WilcoxonSignedRank.testAtPrecision(x, y, 6);

        assertThat(raw.statistic()).isEqualTo(17);
        assertThat(raw.pValue()).isCloseTo(0.21875000000000008, within(TOLERANCE));
        assertThat(rounded.statistic()).isEqualTo(16.5);
        assertThat(rounded.pValue()).isCloseTo(0.25, within(TOLERANCE));
        assertThat(rounded.method()).isEqualTo(Method.EXACT_CONDITIONAL);
    }

    @Test
    void withoutTiesOrZerosItIsTheClassicalExactTest()
    {
        // wilcox.test(c(1.83,0.50,1.62,2.48,1.36,1.32,0.65,0.71), c(0.88,0.65,0.60,2.05,1.06,1.29,1.16,0.47), paired = TRUE, exact = TRUE)
        //   ->  V = 28, p = 0.19531250000000006
        Result result = WilcoxonSignedRank.testAtPrecision(
                new double[] {1.83, 0.50, 1.62, 2.48, 1.36, 1.32, 0.65, 0.71},
                new double[] {0.88, 0.65, 0.60, 2.05, 1.06, 1.29, 1.16, 0.47}, 2);

        assertThat(result.method()).isEqualTo(Method.EXACT);
        assertThat(result.statistic()).isEqualTo(28);
        assertThat(result.pValue()).isCloseTo(0.19531250000000006, within(TOLERANCE));
        assertThat(result.smallestAttainableP()).isEqualTo(2 / 256.0);
    }

    @Test
    void twoPairsCannotGiveAPBelowOneHalf()
    {
        // cw(c(5,7), c(3,4))  ->  0.5 (V = 3)
        Result result = WilcoxonSignedRank.testAtPrecision(new double[] {5, 7}, new double[] {3, 4}, 0);

        assertThat(result.pValue()).isCloseTo(0.5, within(TOLERANCE));
        assertThat(result.smallestAttainableP()).isEqualTo(0.5);
        assertThat(result.pValue()).isGreaterThanOrEqualTo(result.smallestAttainableP());
    }

    @Test
    void aZeroAmongThreePairs()
    {
        // cw(c(5,7,9), c(5,4,6))  ->  0.5 (one zero dropped, two tied differences of 3)
        Result result = WilcoxonSignedRank.testAtPrecision(new double[] {5, 7, 9}, new double[] {5, 4, 6}, 0);

        assertThat(result.zeros()).isEqualTo(1);
        assertThat(result.n()).isEqualTo(2);
        assertThat(result.statistic()).isEqualTo(3);
        assertThat(result.pValue()).isCloseTo(0.5, within(TOLERANCE));
    }

    @Test
    void balancedSignsGivePOne()
    {
        // cw(c(1,2,3,4,5), c(2,1,3,3,6))  ->  1 (V = 5: ranks 2, 2 positive of 2, 2, 2, 2 tied; one zero)
        Result result = WilcoxonSignedRank.testAtPrecision(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 3, 3, 6}, 0);

        assertThat(result.statistic()).isEqualTo(5);
        assertThat(result.pValue()).isCloseTo(1, within(TOLERANCE));
    }

    @Test
    void fiftyPairsUseTheNormalApproximationNeverBelowTheSmallestAttainableP()
    {
        // x <- c(rep(5, 10), (10:59) + 0.5); y <- rep(0, 60); wilcox.test(x, y, paired = TRUE)$p.value  ->  1.6286060742849785e-11
        //   (normal approximation with continuity correction, ten tied differences)
        double[] x = new double[60];
        double[] y = new double[60];
        for (int i = 0; i < 60; i++) {
            x[i] = i < 10 ? 5 : i + 0.5;
        }
        Result result = WilcoxonSignedRank.testAtPrecision(x, y, 1);

        assertThat(result.method()).isEqualTo(Method.NORMAL_APPROXIMATION_CONTINUITY_CORRECTED);
        assertThat(result.pValue()).isCloseTo(1.6286060742849785e-11, org.assertj.core.api.Assertions.withinPercentage(1e-6));
        assertThat(result.pValue()).isGreaterThanOrEqualTo(result.smallestAttainableP());
        assertThat(result.smallestAttainableP()).isEqualTo(2 / Math.pow(2, 60));
    }

    @Test
    void allZeroDifferencesAreNotTested()
    {
        Result result = WilcoxonSignedRank.testAtPrecision(new double[] {1.0, 2.0, 3.0}, new double[] {1.0, 2.0, 3.0}, 1);

        assertThat(result.method()).isEqualTo(Method.NOT_COMPUTED);
        assertThat(result.findPValue()).isEmpty();
        assertThat(result.zeros()).isEqualTo(3);
    }

    @Test
    void roundOffBelowThePrecisionCountsAsZero()
    {
        // 0.3 - 0.1 - 0.2 is 2.8e-17 in binary, 0.0 at one decimal
        Result result = WilcoxonSignedRank.testAtPrecision(new double[] {0.3 - 0.1, 5, 7, 9}, new double[] {0.2, 4, 5, 6}, 1);

        assertThat(result.zeros()).isEqualTo(1);
        assertThat(result.n()).isEqualTo(3);
    }
}
