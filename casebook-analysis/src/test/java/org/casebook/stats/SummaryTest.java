package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.numbers.fraction.Fraction;
import org.casebook.analysis.ResultsText;
import org.junit.jupiter.api.Test;

/** Reference values from R 4.2.2: {@code x <- c(130.0, 130.2, 130.1, 141.9); mean(x); sd(x); median(x)}. */
class SummaryTest
{
    @Test
    void aMeanOf133Point05PrintsAs133Point1()
    {
        // in binary, (130.0 + 130.2 + 130.1 + 141.9) / 4 is 133.04999999999998
        assertThat((130.0 + 130.2 + 130.1 + 141.9) / 4).isLessThan(133.05);
        // mean(x) = 133.05; sd(x) = 5.9005649447037474 (options(digits = 17)); median(x) = 130.15 (R: 130.1499999999999773 in binary)
        Summary summary = Summary.of(new double[] {130.0, 130.2, 130.1, 141.9});

        assertThat(summary.mean()).isEqualTo(133.05);
        assertThat(ResultsText.oneDecimal(summary.mean())).isEqualTo("133.1");
        assertThat(summary.sd()).isCloseTo(5.9005649447037474, within(1e-12));
        assertThat(summary.median()).isEqualTo(130.15);
        assertThat(ResultsText.oneDecimal(summary.median())).isEqualTo("130.2");
    }

    @Test
    void oneValueHasNoSd()
    {
        Summary summary = Summary.of(new double[] {7.5});

        assertThat(summary.mean()).isEqualTo(7.5);
        assertThat(summary.median()).isEqualTo(7.5);
        assertThat(summary.sd()).isNaN();
    }

    @Test
    void twelfthsAverageToTheNearestDouble()
    {
        Summary summary = Summary.of(new double[] {2101 / 12.0, 2101 / 12.0});

        assertThat(summary.mean()).isEqualTo(2101 / 12.0);
        assertThat(summary.median()).isEqualTo(2101 / 12.0);
    }

    @Test
    void aMeanOfExactCtScoresIsExactBeforeItIsRounded()
    {
        // consensus scores 5842/12, 4102/12, 5959/12: mean exactly 441.75, which prints as 441.8; from
        // the decimals of their doubles the mean was 441.74999999999994 and printed as 441.7
        double[] nearest = {5842 / 12.0, 4102 / 12.0, 5959 / 12.0};
        assertThat(ResultsText.oneDecimal(Summary.of(nearest).mean())).isEqualTo("441.7");

        Summary summary = Summary.ofExact(java.util.List.of(Fraction.of(5842, 12), Fraction.of(4102, 12), Fraction.of(5959, 12)));

        assertThat(summary.mean()).isEqualTo(441.75);
        assertThat(ResultsText.oneDecimal(summary.mean())).isEqualTo("441.8");
        assertThat(summary.n()).isEqualTo(3);
        assertThat(summary.median()).isEqualTo(5842 / 12.0);
        assertThat(summary.min()).isEqualTo(4102 / 12.0);
        assertThat(summary.max()).isEqualTo(5959 / 12.0);
        // sd(c(5842, 4102, 5959) / 12) = 86.667588136126952 (R 4.2.2, options(digits = 17))
        assertThat(summary.sd()).isCloseTo(86.667588136126952, within(1e-12));
    }

    @Test
    void theMedianOfAnEvenCountOfExactScoresIsTheirExactMidpoint()
    {
        Summary summary = Summary.ofExact(java.util.List.of(Fraction.of(1, 12), Fraction.of(7, 12), Fraction.of(2, 6), Fraction.of(600)));

        // median(c(1/12, 7/12, 2/6, 600)) = 0.45833333333333337: (4/12 + 7/12) / 2 = 11/24
        assertThat(summary.median()).isEqualTo(11 / 24.0);
        assertThat(summary.mean()).isEqualTo((1 + 7 + 4 + 7200) / 48.0);
    }
}
