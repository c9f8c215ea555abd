package org.casebook.workbook;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import's quick path for plain number cells takes only text that it reads exactly as the
 * BigDecimal path does; everything else (signs of zero, exponents, NaN, suffixes, long text) goes
 * the checked way.
 */
class PlainNumberCellsTest
{
    @Test
    void plainDigitsAreOneToNineAsciiDigits()
    {
        assertThat(RowCells.plainDigits("0")).isZero();
        assertThat(RowCells.plainDigits("007")).isEqualTo(7);
        assertThat(RowCells.plainDigits("100")).isEqualTo(100);
        assertThat(RowCells.plainDigits("999999999")).isEqualTo(999_999_999);
        for (String other : new String[] {null, "", "-1", "+1", "1.0", "1e2", "1000000000", " 1", "١٢"}) {
            assertThat(RowCells.plainDigits(other)).as(other).isEqualTo(-1);
        }
    }

    @Test
    void plainDecimalsParseAsBigDecimalDoes()
    {
        for (String text : new String[] {"0", "73", "350.2", "-12.5", "0.21", "007.50", "123456789012.5", "0.1", "-0.3"}) {
            assertThat(RowCells.isPlainDecimal(text)).as(text).isTrue();
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(new BigDecimal(text).doubleValue());
        }
        for (String other : new String[] {null, "", "-", ".5", "5.", "1e5", "NaN", "Infinity", "1.5d", "2f", "0x10", "1,5", "+1", "1234567890123456", "1 000"}) {
            assertThat(RowCells.isPlainDecimal(other)).as(other).isFalse();
        }
    }
}
