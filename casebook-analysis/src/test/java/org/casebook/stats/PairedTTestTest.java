package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * References from R 4.2.2, options(digits = 17), printing
 * {@code c(t, df, p.value, estimate, conf.int)} of {@code t.test(x, y, paired = TRUE)}.
 */
class PairedTTestTest
{
    private static final double TOLERANCE_PERCENT = 1e-7;

    @Test
    void eightPairsMatchR()
    {
        // t.test(c(1.83, 0.50, 1.62, 2.48, 1.36, 1.32, 0.65, 0.71), c(0.88, 0.65, 0.60, 2.05, 1.06, 1.29, 1.16, 0.47), paired = TRUE)
        // -> t = 1.57097166720925885, df = 7, p = 0.16018269359836668, mean = 0.28875000000000006,
        //    CI = -0.14587607690458571, 0.72337607690458583
        PairedTTest.Result result = PairedTTest.test(
                new double[] {1.83, 0.50, 1.62, 2.48, 1.36, 1.32, 0.65, 0.71},
                new double[] {0.88, 0.65, 0.60, 2.05, 1.06, 1.29, 1.16, 0.47});

        assertThat(result.statistic()).isCloseTo(1.57097166720925885, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.degreesOfFreedom()).isEqualTo(7);
        assertThat(result.pValue()).isCloseTo(0.16018269359836668, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.meanDifference()).isCloseTo(0.28875000000000006, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.ciLow()).isCloseTo(-0.14587607690458571, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.ciHigh()).isCloseTo(0.72337607690458583, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void sixPatientsFvcMatchR()
    {
        // t.test(c(62, 55, 71, 48, 66, 59), c(58, 57, 64, 45, 60, 59), paired = TRUE)
        // -> t = 2.121320343559642385, df = 5, p = 0.087359308127361673, mean = 3, CI = -0.635351695146801454, 6.635351695146802342
        PairedTTest.Result result = PairedTTest.test(new double[] {62, 55, 71, 48, 66, 59}, new double[] {58, 57, 64, 45, 60, 59});

        assertThat(result.statistic()).isCloseTo(2.121320343559642385, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.degreesOfFreedom()).isEqualTo(5);
        assertThat(result.pValue()).isCloseTo(0.087359308127361673, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.meanDifference()).isCloseTo(3.0, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.ciLow()).isCloseTo(-0.635351695146801454, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.ciHigh()).isCloseTo(6.635351695146802342, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void constantDifferencesAreRejectedLikeR()
    {
        // t.test(c(1,2,3), c(0,1,2), paired = TRUE)  ->  error "data are essentially constant"
        assertThatThrownBy(() -> PairedTTest.test(new double[] {1, 2, 3}, new double[] {0, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("essentially constant");
    }

    @Test
    void allDifferencesZeroGiveNaNLikeR()
    {
        // t <- t.test(c(1,2,3), c(1,2,3), paired = TRUE); c(t$statistic, t$p.value, t$conf.int)  ->  NaN NaN NaN NaN
        PairedTTest.Result result = PairedTTest.test(new double[] {1, 2, 3}, new double[] {1, 2, 3});

        assertThat(result.statistic()).isNaN();
        assertThat(result.pValue()).isNaN();
        assertThat(result.meanDifference()).isZero();
        assertThat(result.ciLow()).isNaN();
        assertThat(result.ciHigh()).isNaN();
    }

    @Test
    void singlePairIsRejectedLikeR()
    {
        // t.test(1, 2, paired = TRUE)  ->  error "not enough 'x' observations"
        assertThatThrownBy(() -> PairedTTest.test(new double[] {1}, new double[] {2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 pairs");
    }
}
