package org.casebook.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsTextRangeTest
{
    @Test
    void aRangeWithANegativeBoundIsWrittenWithToNotADashThatReadsAsAMinus()
    {
        assertThat(ResultsText.range("3.0", "7.0")).isEqualTo("3.0–7.0");
        assertThat(ResultsText.range("-7.0", "-5.0")).isEqualTo("-7.0 to -5.0");
        assertThat(ResultsText.range("-2", "4")).isEqualTo("-2 to 4");
    }
}
