package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * References from R 4.2.2, options(digits = 17), printing
 * {@code c(stat = t$statistic, df = t$parameter, p = t$p.value)} for {@code t <- friedman.test(m)}.
 */
class FriedmanTestTest
{
    private static final double TOLERANCE_PERCENT = 1e-7;

    @Test
    void threeTimePointsWithoutTies()
    {
        // f1 <- cbind(c(250, 180, 300, 150, 220, 270), c(320, 200, 350, 160, 300, 330), c(380, 260, 340, 240, 310, 360))
        // friedman.test(f1)  ->  stat = 10.3333333333333339255, df = 2, p = 0.0057035489980074017
        FriedmanTest.Result result = FriedmanTest.test(new double[][] {
                {250, 320, 380}, {180, 200, 260}, {300, 350, 340}, {150, 160, 240}, {220, 300, 310}, {270, 330, 360}});

        assertThat(result.statistic()).isCloseTo(10.3333333333333339255, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.degreesOfFreedom()).isEqualTo(2);
        assertThat(result.pValue()).isCloseTo(0.0057035489980074017, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.blocks()).isEqualTo(6);
    }

    @Test
    void tiesWithinPatientsUseTheTieCorrectedStatistic()
    {
        // f2 <- cbind(c(10, 12, 8, 15, 9, 11), c(14, 12, 10, 18, 9, 13), c(14, 15, 12, 17, 11, 13))
        // friedman.test(f2)  ->  stat = 8.400000000000000355, df = 2, p = 0.014995576820477703
        FriedmanTest.Result result = FriedmanTest.test(new double[][] {
                {10, 14, 14}, {12, 12, 15}, {8, 10, 12}, {15, 18, 17}, {9, 9, 11}, {11, 13, 13}});

        assertThat(result.statistic()).isCloseTo(8.4, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.pValue()).isCloseTo(0.014995576820477703, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void balancedLatinSquareHasZeroStatistic()
    {
        // f3 <- cbind(c(1,2,3,4), c(2,1,4,3), c(3,4,1,2), c(4,3,2,1)); friedman.test(f3)  ->  stat = 0, df = 3, p = 1
        FriedmanTest.Result result = FriedmanTest.test(new double[][] {{1, 2, 3, 4}, {2, 1, 4, 3}, {3, 4, 1, 2}, {4, 3, 2, 1}});

        assertThat(result.statistic()).isZero();
        assertThat(result.degreesOfFreedom()).isEqualTo(3);
        assertThat(result.pValue()).isEqualTo(1.0);
    }

    @Test
    void incompleteRowsAreDropped()
    {
        FriedmanTest.Result result = FriedmanTest.test(new double[][] {
                {10, 14, 14}, {12, 12, 15}, {8, 10, 12}, {1, Double.NaN, 3}, {15, 18, 17}, {9, 9, 11}, {11, 13, 13}});

        assertThat(result.blocks()).isEqualTo(6);
        assertThat(result.pValue()).isCloseTo(0.014995576820477703, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void everyRowTiedGivesNaN()
    {
        FriedmanTest.Result result = FriedmanTest.test(new double[][] {{5, 5, 5}, {7, 7, 7}});

        assertThat(result.statistic()).isNaN();
        assertThat(result.pValue()).isNaN();
    }

    @Test
    void rejectsFewerThanTwoColumnsOrRaggedRows()
    {
        assertThatThrownBy(() -> FriedmanTest.test(new double[][] {{1}, {2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 columns");
        assertThatThrownBy(() -> FriedmanTest.test(new double[][] {{1, 2}, {2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1");
    }
}
