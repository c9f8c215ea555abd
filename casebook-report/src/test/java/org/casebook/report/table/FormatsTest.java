package org.casebook.report.table;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest
{
    @Test
    void pValuesHaveThreeDecimalsAndALowerBound()
    {
        assertThat(Formats.pValue(0.03125)).isEqualTo("0.031");
        assertThat(Formats.pValue(0.0355)).isEqualTo("0.036");
        assertThat(Formats.pValue(0.0009)).isEqualTo("<0.001");
        assertThat(Formats.pValue(1)).isEqualTo("1.000");
        assertThat(Formats.pValue(Double.NaN)).isEqualTo(Formats.MISSING);
    }

    @Test
    void countsShowTheirDenominatorAndAWholePercentRoundedHalfUp()
    {
        assertThat(Formats.countOf(1, 6)).isEqualTo("1/6 (17%)");
        assertThat(Formats.countOf(1, 8)).isEqualTo("1/8 (13%)");
        assertThat(Formats.countOf(0, 0)).isEqualTo("0/0");
    }

    /**
     * The exact interval in whole percent, against R 4 ({@code binom.test(k, n)$conf.int * 100}):
     * 1/8 0.32–52.65, 0/6 0.00–45.93, 1/2 1.26–98.74, 4/5 28.36–99.49, 5/6 35.88–99.58, 6/6 54.07–100,
     * 1/1000 0.0025–0.56, 999/1000 99.44–99.9975 (0.00253 and 99.99747 to more places). Only 0/N starts at 0 and N/N ends at 100: a bound
     * that rounds to them without being them keeps the decimals that say so.
     */
    @Test
    void countsWithTheirExactIntervalAsRGivesIt()
    {
        assertThat(Formats.countWithInterval(1, 8)).isEqualTo("1/8 (13%; 95% CI 0.3–53)");
        assertThat(Formats.countWithInterval(5, 6)).isEqualTo("5/6 (83%; 95% CI 36–99.6)");
        assertThat(Formats.countWithInterval(1, 1000)).isEqualTo("1/1000 (0%; 95% CI 0.003–1)");
        assertThat(Formats.countWithInterval(999, 1000)).isEqualTo("999/1000 (100%; 95% CI 99–99.997)");
        assertThat(Formats.countWithInterval(0, 6)).isEqualTo("0/6 (0%; 95% CI 0–46)");
        assertThat(Formats.countWithInterval(1, 2)).isEqualTo("1/2 (50%; 95% CI 1–99)");
        assertThat(Formats.countWithInterval(4, 5)).isEqualTo("4/5 (80%; 95% CI 28–99)");
        assertThat(Formats.countWithInterval(6, 6)).isEqualTo("6/6 (100%; 95% CI 54–100)");
        assertThat(Formats.countWithInterval(0, 0)).isEqualTo("0/0");
    }

    @Test
    void numbersDropATrailingZeroDecimal()
    {
        assertThat(Formats.number(15.0)).isEqualTo("15");
        assertThat(Formats.number(7.5)).isEqualTo("7.5");
    }
}
