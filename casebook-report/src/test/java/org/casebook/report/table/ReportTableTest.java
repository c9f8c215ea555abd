package org.casebook.report.table;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The documents print a long table's first rows and say where the rest is; a table that fits is printed whole. */
class ReportTableTest
{
    @Test
    void aTableOfExactlyTheDocumentRowsIsPrintedWhole()
    {
        ReportTable table = rows(ReportTable.DOCUMENT_ROWS);
        assertThat(table.forDocument()).isSameAs(table);
    }

    @Test
    void aLongerTablePrintsItsFirstRowsAndANoteNamingItsFiles()
    {
        ReportTable table = rows(ReportTable.DOCUMENT_ROWS + 1);
        ReportTable printed = table.forDocument();
        assertThat(printed.rows()).hasSize(ReportTable.DOCUMENT_ROWS).containsExactlyElementsOf(table.rows().subList(0, ReportTable.DOCUMENT_ROWS));
        assertThat(printed.columns()).isEqualTo(table.columns());
        assertThat(printed.notes()).containsExactly("– not recorded.",
                "The first 1,000 of 1,001 rows are shown; every row is in tables/table2_patients.csv and in tables.xlsx (sheet table2_patients).");
    }

    @Test
    void anEmptyTableIsPrintedAsItIs()
    {
        ReportTable table = rows(0);
        assertThat(table.forDocument()).isSameAs(table);
    }

    private static ReportTable rows(int count)
    {
        ReportTable.Builder builder = new ReportTable.Builder("table2_patients", "Table 2. Patients", List.of("Patient", "Age"));
        for (int i = 1; i <= count; i++) {
            builder.row("P" + i, Integer.toString(40 + i % 50));
        }
        return builder.note("– not recorded.").build();
    }
}
