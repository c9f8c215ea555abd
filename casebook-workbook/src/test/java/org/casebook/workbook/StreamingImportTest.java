package org.casebook.workbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.casebook.workbook.ImportIssue.error;

/** What reading each sheet as a stream must keep as it was: the issues and their order, and the values. */
class StreamingImportTest
{
    @TempDir
    Path temp;

    private final WorkbookImporter importer = new WorkbookImporter(WorkbookImporterTest.SEED);

    @Test
    void aBadByteAfterRowsWithErrorsIsTheFilesOnlyErrorAsWhenTheFileWasDecodedWhole()
            throws IOException
    {
        Path folder = CsvFixture.valid().appending("measurements.csv", "P1,onset,ldh,abc,,").writeFolder(temp.resolve("late"));
        Files.write(folder.resolve("measurements.csv"), new byte[] {'P', '2', ',', (byte) 0xC3, '\n'}, StandardOpenOption.APPEND);
        assertThatExceptionOfType(WorkbookImportException.class).isThrownBy(() -> importer.importFrom(folder))
                .satisfies(e -> assertThat(e.errors()).containsExactly(
                        error("measurements.csv", 0, null, null, "not valid UTF-8 text; save the file as CSV UTF-8"),
                        error("measurements.csv", 0, null, null, "required file missing")));
    }

    @Test
    void readingErrorsOfEverySheetComeBeforeValidationErrorsAsWhenEverySheetWasReadFirst()
            throws IOException
    {
        Path folder = CsvFixture.valid()
                .appending("cases.csv", "P3,yesterday")
                .replacing("measurements.csv", "patient_id,timepoint", "patient_id,patient_id,timepoint")
                .writeFolder(temp.resolve("order"));
        assertThatExceptionOfType(WorkbookImportException.class).isThrownBy(() -> importer.importFrom(folder))
                .satisfies(e -> assertThat(e.errors()).extracting(ImportIssue::sheet).first().isEqualTo("measurements.csv"))
                .satisfies(e -> assertThat(e.errors()).contains(error("cases.csv", 3, "admission_date", "yesterday", "expected a date yyyy-mm-dd")));
    }

    @Test
    void aWorkbookWithAMistakeInEveryRowListsTheFirstThousandAndCountsTheRest()
            throws IOException
    {
        CsvFixture fixture = CsvFixture.valid();
        for (int i = 0; i < 1500; i++) {
            fixture = fixture.appending("adverse_events.csv", "P1,rash,2024-03-0" + (i % 9 + 1) + ",9,,,");
        }
        Path folder = fixture.writeFolder(temp.resolve("many"));
        assertThatExceptionOfType(WorkbookImportException.class).isThrownBy(() -> importer.importFrom(folder))
                .satisfies(e -> {
                    assertThat(e.errors()).hasSize(ImportIssues.MAX_KEPT);
                    assertThat(e.errors().get(0)).isEqualTo(error("adverse_events.csv", 2, "grade", "9", "expected an integer 1–5"));
                    assertThat(e.getMessage()).startsWith("1500 error(s) in case workbook ").endsWith("\n  … and 500 more, not listed");
                });
    }

    @Test
    void sheetSourcesGiveTheSameValuesWithEachSourceItsSheet()
            throws IOException
    {
        Path folder = CsvFixture.valid().writeFolder(temp.resolve("sources"));
        CaseWorkbook full = importer.importFrom(folder).workbook();
        CaseWorkbook lean = importer.withSheetSources().importFrom(folder).workbook();
        assertThat(lean.measurements()).extracting(Measurement::value).containsExactlyElementsOf(full.measurements().stream().map(Measurement::value).toList());
        assertThat(full.measurements().get(0).source().location()).isEqualTo("measurements.csv row 1");
        assertThat(lean.measurements().get(0).source().location()).isEqualTo("measurements.csv");
        assertThat(lean.cases()).extracting(c -> c.source().location()).containsOnly("cases.csv");
        assertThat(lean.cases()).extracting(c -> c.values()).containsExactlyElementsOf(full.cases().stream().map(c -> c.values()).toList());
        assertThat(lean.ichikadoReads()).isEqualTo(full.ichikadoReads());
        List<Measurement> derived = lean.measurements().stream().filter(m -> m.source().location().startsWith("computed")).toList();
        assertThat(derived).extracting(m -> m.source().location()).containsOnly("computed from measurements.csv / measurements.csv");
    }
}
