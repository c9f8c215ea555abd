package org.casebook.screening.fhir;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FhirDateTest
{
    private static FhirDate date(String text)
    {
        return FhirDate.parse(text).orElseThrow();
    }

    @Test
    void parsesEveryFhirPrecision()
    {
        assertThat(date("2016").precision()).isEqualTo(FhirDate.Precision.YEAR);
        assertThat(date("2016-05").precision()).isEqualTo(FhirDate.Precision.MONTH);
        assertThat(date("2016-05-14").precision()).isEqualTo(FhirDate.Precision.DAY);
        assertThat(date("2016-05-14T09:30:00+09:00").precision()).isEqualTo(FhirDate.Precision.TIME);
        assertThat(date("2016-05-14T09:30:00.123Z").precision()).isEqualTo(FhirDate.Precision.TIME);
        assertThat(FhirDate.parse("14/05/2016")).isEmpty();
        assertThat(FhirDate.parse("2016-13-01")).isEmpty();
        assertThat(FhirDate.parse(null)).isEmpty();
    }

    /** The plain shapes read without the regular expression give what it gives, on texts near and inside those shapes. */
    @Test
    void plainShapesReadAsThePatternReadsThem()
    {
        java.util.Random random = new java.util.Random(12);
        String[] pieces = {"2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "2024-00-10", "2024-13-01", "2024-01-32", "2024-1-01", "２０２４-01-01"};
        String[] times = {"", "T09:30:00Z", "T23:59:60+09:00", "T24:00:00Z", "T09:30:00-05:00", "T09:30:00+18:00", "T09:30:00+19:00", "T09:30:00+09:60",
                "T09:30:00.5Z", "T09:30Z", "T09:30:00", "T9:30:00Z", "T09:30:00+0900", "T09:30:00 Z"};
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (String piece : pieces) {
            for (String time : times) {
                texts.add(piece + time);
                texts.add(" " + piece + time);
            }
        }
        for (int index = 0; index < 20_000; index++) {
            char[] chars = "2024-05-14T09:30:00+09:00".toCharArray();
            int length = new int[] {10, 20, 25, 25}[random.nextInt(4)];
            if (length == 20) {
                chars[19] = 'Z';
            }
            for (int change = random.nextInt(3); change > 0; change--) {
                chars[random.nextInt(length)] = "0123456789-+:TZx".charAt(random.nextInt(16));
            }
            texts.add(new String(chars, 0, length));
        }
        for (String text : texts) {
            assertThat(FhirDate.parse(text)).as(text).isEqualTo(FhirDate.parseByPattern(text));
        }
        assertThat(texts.stream().filter(text -> FhirDate.parse(text).isPresent()).count()).isGreaterThan(5_000);
    }

    @Test
    void calendarDateIsTheDateAsWrittenNotUtc()
    {
        assertThat(date("2024-01-01T00:30:00+09:00").date()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(date("2024-12-31T22:00:00-05:00").date()).isEqualTo(LocalDate.of(2024, 12, 31));
    }

    @Test
    void yearOrMonthCountsOnOrBeforeOnlyWhenItsWholeSpanIs()
    {
        LocalDate admission = LocalDate.of(2024, 3, 1);
        assertThat(date("2016").isWhollyOnOrBefore(admission)).isTrue();
        assertThat(date("2024").isWhollyOnOrBefore(admission)).isFalse();
        assertThat(date("2024-02").isWhollyOnOrBefore(admission)).isTrue();
        assertThat(date("2024-03").isWhollyOnOrBefore(admission)).isFalse();
        assertThat(date("2024-03-01").isWhollyOnOrBefore(admission)).isTrue();
    }

    @Test
    void windowsOfDaysAreInclusiveAndNeverHoldAYearOrMonth()
    {
        LocalDate from = LocalDate.of(2024, 1, 1);
        LocalDate to = LocalDate.of(2024, 12, 31);
        assertThat(date("2024-01-01").isWithin(from, to)).isTrue();
        assertThat(date("2024-12-31T23:59:00-10:00").isWithin(from, to)).isTrue();
        assertThat(date("2023-12-31T23:59:00+09:00").isWithin(from, to)).isFalse();
        assertThat(date("2024-06").isWithin(from, to)).isFalse();
        assertThat(date("2024").isWithin(from, to)).isFalse();
        assertThat(date("2030-01-01").isWithin(from, null)).isTrue();
    }

    @Test
    void minutesApartOnlyBetweenTimesAcrossOffsets()
    {
        assertThat(date("2024-03-01T10:00:00+09:00").minutesTo(date("2024-03-01T03:00:00+01:00"))).contains(60.0);
        assertThat(date("2024-03-01T10:00:00+09:00").minutesTo(date("2024-03-01"))).isEmpty();
    }

    @Test
    void aDateWithoutTimeSortsBeforeTimesOnTheSameDate()
    {
        assertThat(FhirDate.ORDER.compare(date("2024-03-01"), date("2024-03-01T00:00:00+09:00"))).isNegative();
        assertThat(FhirDate.ORDER.compare(date("2024-03"), date("2024-03-01"))).isNegative();
        assertThat(FhirDate.ORDER.compare(date("2024-03-01T09:00:00+09:00"), date("2024-03-01T08:00:00-05:00"))).isPositive();
    }
}
