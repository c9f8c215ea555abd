package org.casebook.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecordBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseNumbersTest
{
    private static CaseRecord record(String id, LocalDate dayZero)
    {
        return new CaseRecordBuilder(id, dayZero).build();
    }

    @Test
    void casesAreNumberedByDayZeroThenIdWithAtLeastTwoDigits()
    {
        LocalDate day = LocalDate.of(2024, 3, 1);
        List<CaseRecord> cases = List.of(record("H-9", day.plusDays(2)), record("H-2", day), record("H-1", day), record("H-5", day.minusDays(1)));
        CaseNumbers numbers = CaseNumbers.of(cases);
        assertThat(numbers.label("H-5")).isEqualTo("P01");
        assertThat(numbers.label("H-1")).isEqualTo("P02");
        assertThat(numbers.label("H-2")).isEqualTo("P03");
        assertThat(numbers.label("H-9")).isEqualTo("P04");
        assertThat(numbers.label("H-0")).isEqualTo("unknown case");
        assertThat(numbers.number("H-0")).isZero();
        assertThat(numbers.inOrder(cases)).extracting(CaseRecord::patientId).containsExactly("H-5", "H-1", "H-2", "H-9");
    }

    @Test
    void labelsArePaddedToTheDigitsOfTheSeriesSizeAsFormatPadsThem()
    {
        for (int size : new int[] {1, 9, 10, 99, 100, 101, 1000, 12345}) {
            List<CaseRecord> cases = new ArrayList<>();
            LocalDate day = LocalDate.of(2020, 1, 1);
            for (int i = 0; i < size; i++) {
                // ids with neighbouring hashes, as a hospital's numbering gives them
                cases.add(record(String.format(Locale.ROOT, "P01-%05d", i), day.plusDays(i)));
            }
            CaseNumbers numbers = CaseNumbers.of(cases);
            int digits = Math.max(2, Integer.toString(size).length());
            for (int i = 0; i < size; i++) {
                String id = cases.get(i).patientId();
                assertThat(numbers.number(id)).isEqualTo(i + 1);
                assertThat(numbers.label(id)).isEqualTo("P" + String.format(Locale.ROOT, "%0" + digits + "d", i + 1));
            }
        }
    }
}
