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

    @Test
    void numbersDropATrailingZeroDecimal()
    {
        assertThat(Formats.number(15.0)).isEqualTo("15");
        assertThat(Formats.number(7.5)).isEqualTo("7.5");
    }
}
