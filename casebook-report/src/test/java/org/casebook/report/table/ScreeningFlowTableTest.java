package org.casebook.report.table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.casebook.error.CasebookException;
import org.casebook.report.SeriesFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The screening flow beside a screened cases folder (the counts of casebook-cli's recorded seed-screen-1/flow.json), criteria by description. */
class ScreeningFlowTableTest
{
    private static final String FLOW = """
            {"protocol": "ae-ra-ild-jaki", "patients_in_extract": 1000, "with_index_admission": 90, "after_ra": 50, "after_glucocorticoid": 35,
             "included": 17, "excluded_by_reason": {"ra": 40, "glucocorticoid": 15, "jak_inhibitor": 18}}
            """;

    @Test
    void criteriaByTheirDescriptionWithPatientsLeftAndExcluded(@TempDir Path screening)
            throws Exception
    {
        Path cases = Files.createDirectories(screening.resolve("cases"));
        Files.writeString(screening.resolve("flow.json"), FLOW);
        ReportTable table = ScreeningFlowTable.beside(cases, SeriesFixtures.SEED, 17).orElseThrow();
        assertThat(table.rows()).containsExactly(
                List.of("Patients in the EHR extract", "1000", ""),
                List.of("Inpatient admission for ILD starting within the study window", "90", "910"),
                List.of("Rheumatoid arthritis recorded on or before the admission date", "50", "40"),
                List.of("Methylprednisolone started during the admission", "35", "15"),
                List.of("A JAK inhibitor started during the admission", "17", "18"),
                List.of("Included (consecutive cases)", "17", ""));
        assertThat(String.join(" ", table.rows().stream().map(row -> row.get(0)).toList())).doesNotContain("After ra").doesNotContain("_");
        assertThat(table.notes()).hasSize(1);
        // a workbook edited after screening: the note says so
        assertThat(ScreeningFlowTable.beside(cases, SeriesFixtures.SEED, 16).orElseThrow().notes().get(1)).contains("holds 16 patients, not the 17");
    }

    @Test
    void noTableWithoutAFlowOrUnderAnotherProtocolAndAMessageForADamagedOne(@TempDir Path screening)
            throws Exception
    {
        Path cases = Files.createDirectories(screening.resolve("cases"));
        assertThat(ScreeningFlowTable.beside(cases, SeriesFixtures.SEED, 17)).isEmpty();
        Files.writeString(screening.resolve("flow.json"), FLOW.replace("ae-ra-ild-jaki", "dm-ild-tofacitinib"));
        assertThat(ScreeningFlowTable.beside(cases, SeriesFixtures.SEED, 17)).isEmpty();
        Files.writeString(screening.resolve("flow.json"), "{\"protocol\": ");
        assertThatThrownBy(() -> ScreeningFlowTable.beside(cases, SeriesFixtures.SEED, 17))
                .isInstanceOf(CasebookException.class).hasMessageContaining("flow.json: not a screening flow");
    }
}
