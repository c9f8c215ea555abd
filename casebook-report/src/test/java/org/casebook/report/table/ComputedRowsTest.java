package org.casebook.report.table;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.casebook.report.render.TableFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table whose rows are made when read gives the same files, empty columns, abbreviations and
 * documents as the same table held as text, and holds none of its rows.
 */
class ComputedRowsTest
{
    private static final List<String> COLUMNS = List.of("Patient", "Age", "Pulse", "CT total");

    /** Row i: pulse never recorded, CT total only for the last patient (an abbreviation only there). */
    private static List<String> row(int i, int count)
    {
        return List.of("P" + (i + 1), Integer.toString(40 + i % 7), Formats.MISSING, i == count - 1 ? "CT 175.3" : Formats.MISSING);
    }

    private static ReportTable held(int count)
    {
        ReportTable.Builder builder = new ReportTable.Builder("table2_patients", "Table 2. Patients", COLUMNS);
        for (int i = 0; i < count; i++) {
            builder.row(row(i, count));
        }
        return builder.note("– not recorded.").build();
    }

    private static ReportTable computed(int count, AtomicInteger made)
    {
        return new ReportTable.Builder("table2_patients", "Table 2. Patients", COLUMNS)
                .computedRows(count, i -> {
                    made.incrementAndGet();
                    return row(i, count);
                })
                .note("– not recorded.").build();
    }

    @Test
    void givesTheSameCsvEmptyColumnsAndAbbreviationsAsTheTableHeldAsText()
    {
        for (int count : new int[] {0, 1, 2, 1001}) {
            ReportTable held = held(count);
            ReportTable computed = computed(count, new AtomicInteger());
            assertThat(computed.rows()).isEqualTo(held.rows());
            assertThat(TableFiles.csv(computed)).isEqualTo(TableFiles.csv(held));
            ReportTable heldDropped = EmptyColumns.drop(held);
            ReportTable computedDropped = EmptyColumns.drop(computed);
            assertThat(computedDropped.columns()).isEqualTo(heldDropped.columns());
            assertThat(computedDropped.notes()).isEqualTo(heldDropped.notes());
            assertThat(computedDropped.rows()).isEqualTo(heldDropped.rows());
            assertThat(TableFiles.csv(computedDropped)).isEqualTo(TableFiles.csv(heldDropped));
            ReportTable forDocument = computed.forDocument();
            assertThat(forDocument.rows()).isEqualTo(held.forDocument().rows());
            assertThat(forDocument.notes()).isEqualTo(held.forDocument().notes());
        }
    }

    @Test
    void emptyColumnsAreDroppedAndTheRestKeptRowByRow()
    {
        ReportTable dropped = EmptyColumns.drop(computed(3, new AtomicInteger()));
        assertThat(dropped.columns()).containsExactly("Patient", "Age", "CT total");
        assertThat(dropped.rows()).containsExactly(List.of("P1", "40", "–"), List.of("P2", "41", "–"), List.of("P3", "42", "CT 175.3"));
        assertThat(dropped.notes()).last().isEqualTo("Not recorded for any patient, so not shown: Pulse.");
    }

    @Test
    void rowsAreMadeWhenReadAndNotKept()
    {
        AtomicInteger made = new AtomicInteger();
        ReportTable table = computed(100_000, made);
        assertThat(made).hasValue(0);
        assertThat(table.rows()).hasSize(100_000);
        assertThat(table.rows().get(99_999)).containsExactly("P100000", Integer.toString(40 + 99_999 % 7), "–", "CT 175.3");
        assertThat(made).hasValue(1);
        List<List<String>> seen = new ArrayList<>();
        table.rows().forEach(seen::add);
        assertThat(made).hasValue(100_001);
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void anAbbreviationInOneComputedCellIsDefined()
    {
        ReportTable table = computed(5, new AtomicInteger());
        ReportTable explained = Abbreviations.apply(org.casebook.report.SeriesFixtures.sixPatientData(), table);
        assertThat(explained.notes()).last().isEqualTo("Abbreviations: CT, computed tomography.");
        // a word containing the letters is not the abbreviation
        ReportTable word = new ReportTable.Builder("t", "T", List.of("A")).computedRows(2, i -> List.of(i == 0 ? "ACTH" : "DICTUM")).build();
        assertThat(Abbreviations.apply(org.casebook.report.SeriesFixtures.sixPatientData(), word).notes()).isEmpty();
    }

    @Test
    void aComputedRowOfTheWrongWidthIsRefusedWhenRead()
    {
        ReportTable table = new ReportTable.Builder("t", "T", COLUMNS).computedRows(2, i -> i == 1 ? List.of("P2") : row(i, 2)).build();
        assertThat(table.rows().get(0)).hasSize(4);
        assertThatThrownBy(() -> table.rows().get(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table t: row [P2] has 1 cells, expected 4");
        assertThatThrownBy(() -> table.rows().get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
