package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
}
