package org.casebook.report;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.report.render.ReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A workbook with only the required columns still gives a whole report, saying what is missing. */
class SparseSeriesReportTest
{
    @TempDir
    Path directory;

    @Test
    void onlyRequiredColumnsGiveAReportWithoutCtTablesOrSurvival()
    {
        CaseWorkbook workbook = new CaseWorkbook(
                List.of(new CaseRecordBuilder("A", LocalDate.of(2024, 2, 1)).set("admission_date", LocalDate.of(2024, 2, 1)).build(), new CaseRecordBuilder("B", LocalDate.of(2024, 3, 1)).set("admission_date", LocalDate.of(2024, 3, 1)).build()),
                List.of(), List.of(), List.of(), List.of(), List.of());
        StudyData data = StudyData.analyze(SeriesFixtures.SEED, workbook);
        StudyReport report = StudyReport.build(data, new Provenance("test", "p", "0", "in", "0", Instant.EPOCH));
        // no onset recorded: day 0 is said to be the admission, and no CT score is described
        assertThat(report.paragraphs().get(0)).contains("Day 0 was the admission date (the exacerbation onset was not recorded for any patient)")
                .doesNotContain("scored with");
        assertThat(report.paragraphs().get(1)).isEqualTo("Results. No adverse events were recorded.");
        assertThat(report.tables().get(0).rows()).isEmpty();
        assertThat(report.tables().get(2).rows()).isEmpty();
        assertThat(report.figures()).extracting(figure -> figure.id()).containsExactly("figure1_swimmer");
        ReportWriter.ReportFiles files = new ReportWriter().write(report, directory);
        assertThat(files.pdf()).isRegularFile();
    }
}
