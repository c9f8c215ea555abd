package org.casebook.workbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkbookWriterTest
{
    @TempDir
    Path temp;

    private final WorkbookImporter importer = new WorkbookImporter(WorkbookImporterTest.SEED);
    private final WorkbookImporter kazerooniImporter = new WorkbookImporter(WorkbookImportErrorsTest.KAZEROONI);
    private final WorkbookWriter writer = new WorkbookWriter();

    private CaseWorkbook imported(CsvFixture fixture)
            throws IOException
    {
        return importer.importFrom(fixture.writeFolder(Files.createTempDirectory(temp, "input"))).workbook();
    }

    /** Every sheet filled, including a derived P/F, a Kazerooni read and cells needing CSV quotes. */
    private CaseWorkbook fullWorkbook()
            throws IOException
    {
        return imported(CsvFixture.valid()
                .with("ct_reads_kazerooni.csv", CsvFixture.KAZEROONI_READS)
                .with("adverse_events.csv", """
                        patient_id,term,onset_date,grade,ctcae_version,serious,related_to,action,outcome
                        P2,herpes zoster,2024-05-20,2,4.03,no,jaki,drug interrupted,recovered_with_sequelae
                        P1,rash,,1,,,,,
                        """)
                .replacing("cases.csv", "home_oxygen_at_discharge", "home_oxygen_at_discharge,prior_jaki_stop_reason,bmi")
                .replacing("cases.csv", "yes,yes,no", "yes,yes,no,\"adverse event, \"\"zoster\"\"\",21.37"));
    }

    @Test
    void csvFolderRoundTripGivesAnEqualWorkbook()
            throws IOException
    {
        CaseWorkbook original = fullWorkbook();
        Path folder = temp.resolve("out/csv");

        writer.writeCsvFolder(original, folder);
        ImportResult reimported = importer.importFrom(folder);

        assertThat(reimported.workbook()).isEqualTo(original);
        assertThat(reimported.warnings()).isEmpty();
        assertThat(original.adverseEvents()).extracting(AdverseEvent::outcome).containsExactly("recovered_with_sequelae", null);
        assertThat(Files.readString(folder.resolve("adverse_events.csv"))).startsWith("patient_id,term,onset_date,grade,ctcae_version,serious,related_to,action,outcome,source\r\n"
                + "P2,herpes zoster,2024-05-20,2,4.03,no,jaki,drug interrupted,recovered_with_sequelae,");
        assertThat(original.findCase("P1").orElseThrow().text("prior_jaki_stop_reason")).isEqualTo("adverse event, \"zoster\"");
        assertThat(Files.readString(folder.resolve("measurements.csv"))).startsWith("patient_id,timepoint,variable,value,unit,date,source\r\n"
                + "P1,onset,pao2,60,mmHg,2024-02-28,measurements.csv row 1\r\n"
                + "P1,onset,fio2,0.4,fraction,2024-02-28,measurements.csv row 2\r\n");
    }

    @Test
    void xlsxRoundTripGivesAnEqualWorkbook()
            throws IOException
    {
        CaseWorkbook original = fullWorkbook();
        Path file = temp.resolve("out/cases.xlsx");

        writer.writeXlsx(original, file);
        ImportResult reimported = importer.importFrom(file);

        assertThat(reimported.workbook()).isEqualTo(original);
        assertThat(reimported.warnings()).isEmpty();
        assertThat(kazerooniImporter.importFrom(file).workbook().kazerooniReads()).isEqualTo(original.kazerooniReads());
    }

    @Test
    void writingReplacesAnEarlierOutputAndLeavesNoTemporaryFiles()
            throws IOException
    {
        CaseWorkbook first = fullWorkbook();
        CaseWorkbook second = imported(CsvFixture.valid().without("adverse_events.csv"));
        Path folder = temp.resolve("out/csv");
        Path file = temp.resolve("out/cases.xlsx");

        writer.writeCsvFolder(first, folder);
        writer.writeCsvFolder(second, folder);
        writer.writeXlsx(first, file);
        writer.writeXlsx(second, file);

        assertThat(importer.importFrom(folder).workbook()).isEqualTo(second);
        assertThat(importer.importFrom(file).workbook()).isEqualTo(second);
        try (Stream<Path> entries = Files.list(temp.resolve("out"))) {
            assertThat(entries.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("csv", "cases.xlsx");
        }
    }

    @Test
    void refusesToReplaceAFolderHoldingOtherFiles()
            throws IOException
    {
        Path folder = Files.createDirectories(temp.resolve("notes"));
        Files.writeString(folder.resolve("thesis.docx"), "precious");

        assertThatThrownBy(() -> writer.writeCsvFolder(fullWorkbook(), folder))
                .isInstanceOf(CasebookException.class)
                .hasMessageContaining("it holds files other than CSV files");
        assertThat(Files.readString(folder.resolve("thesis.docx"))).isEqualTo("precious");
    }
}
