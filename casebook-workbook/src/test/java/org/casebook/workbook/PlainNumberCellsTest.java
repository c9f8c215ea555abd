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

    @Test
    void isoDatesAreFourTwoTwoAsciiDigits()
    {
        for (String text : new String[] {"2024-02-29", "0000-00-00", "9999-99-99"}) {
            assertThat(RowCells.isIsoDate(text)).as(text).isTrue();
            assertThat(text).matches("\\d{4}-\\d{2}-\\d{2}");
        }
        for (String other : new String[] {"", "2024-2-29", "24-02-29", "2024/02/29", "2024-02-290", "+2024-02-29", "2024-02-2x", "２０２４-02-29",
                "١٢٣٤-02-29", "2024-02-29 ", "2024--02-29"}) {
            assertThat(RowCells.isIsoDate(other)).as(other).isFalse();
            assertThat(other).doesNotMatch("\\d{4}-\\d{2}-\\d{2}");
        }
    }

    @Test
    void aDateTextIsParsedOnceAndABadDayIsStillRefused()
    {
        KeptValues kept = new KeptValues(false);
        java.time.LocalDate leap = kept.date("2024-02-29");
        assertThat(leap).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
        assertThat(kept.date(new String("2024-02-29"))).isSameAs(leap);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kept.date("2023-02-29")).isInstanceOf(java.time.format.DateTimeParseException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kept.date("2023-02-29")).isInstanceOf(java.time.format.DateTimeParseException.class);
    }
}
