package org.casebook.workbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.Measurement;
import org.casebook.casedata.SourceRef;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casebook.workbook.ImportIssue.error;

class XlsxImportTest
{
    private static final SourceRef ANY_SOURCE = new SourceRef("-");

    @TempDir
    Path temp;

    private final WorkbookImporter importer = new WorkbookImporter(WorkbookImporterTest.SEED);

    @Test
    void xlsxAndCsvOfTheSameDataGiveTheSameValues()
            throws IOException
    {
        CsvFixture fixture = CsvFixture.valid();
        CaseWorkbook fromCsv = importer.importFrom(fixture.writeFolder(temp.resolve("csv"))).workbook();
        CaseWorkbook fromXlsx = importer.importFrom(fixture.writeXlsx(temp.resolve("cases.xlsx"))).workbook();

        assertThat(withoutSources(fromXlsx)).isEqualTo(withoutSources(fromCsv));
        assertThat(fromXlsx.findCase("P1").orElseThrow().source()).isEqualTo(new SourceRef("cases row 1"));
        assertThat(fromXlsx.findMeasurement("P1", "onset", "pf_ratio").orElseThrow().source())
                .isEqualTo(new SourceRef("computed from measurements row 1 / measurements row 2"));
    }

    @Test
    void readsDateTypedCellsAsDatesWhateverTheirDisplayFormat()
            throws IOException
    {
        // the fixture writes dates as date-typed cells displayed d.m.yyyy
        CaseWorkbook workbook = importer.importFrom(CsvFixture.valid().writeXlsx(temp.resolve("dates.xlsx"))).workbook();

        CaseRecord p1 = workbook.findCase("P1").orElseThrow();
        assertThat(p1.date("admission_date")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(p1.date("discharge_date")).isEqualTo(LocalDate.of(2024, 3, 20));
        assertThat(workbook.ctStudies().get(0).date()).isEqualTo(LocalDate.of(2024, 2, 28));
    }

    @Test
    void readsIntegersInNumericCellsAndFormulaCellsByTheirCachedValue()
            throws IOException
    {
        Path file = CsvFixture.valid().writeXlsx(temp.resolve("formula.xlsx"));
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(file))) {
            Sheet reads = workbook.getSheet("ct_reads");
            reads.getRow(1).getCell(4).setCellValue(50.0);
            reads.getRow(1).getCell(9).setCellFormula("100-E2-F2-G2-H2-I2");
            Sheet measurements = workbook.getSheet("measurements");
            measurements.getRow(1).getCell(3).setCellFormula("30*2");
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            try (OutputStream out = Files.newOutputStream(temp.resolve("evaluated.xlsx"))) {
                workbook.write(out);
            }
        }

        CaseWorkbook workbook = importer.importFrom(temp.resolve("evaluated.xlsx")).workbook();

        assertThat(workbook.findMeasurement("P1", "onset", "pao2").orElseThrow().value()).isEqualTo(60.0);
        assertThat(workbook.ichikadoReads().get(0).zones().get(0).percent(org.casebook.ctscore.IchikadoPattern.HONEYCOMBING)).isEqualTo(10);
    }

    /** A workbook written by a tool that does not evaluate formulas has no saved result: POI would read 0. */
    @Test
    void aFormulaCellWithoutASavedResultIsAnErrorNotZero()
            throws IOException
    {
        Path file = CsvFixture.valid().writeXlsx(temp.resolve("unevaluated.xlsx"));
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(file))) {
            Row row = workbook.getSheet("measurements").getRow(1);
            row.removeCell(row.getCell(3));
            row.createCell(3).setCellFormula("30*2");
            try (OutputStream out = Files.newOutputStream(temp.resolve("not-evaluated.xlsx"))) {
                workbook.write(out);
            }
        }

        assertThatThrownBy(() -> importer.importFrom(temp.resolve("not-evaluated.xlsx")))
                .isInstanceOfSatisfying(WorkbookImportException.class, e -> assertThat(e.errors()).contains(
                        error("measurements", 1, "value", "=30*2", "a formula without a saved result: open the workbook in Excel or LibreOffice "
                                + "and save it, so that each formula's value is stored, or type the value")));
    }

    @Test
    void namesSheetsWithoutExtensionInErrors()
            throws IOException
    {
        Path file = CsvFixture.valid()
                .without("ct_reads.csv")
                .appending("measurements.csv", "P1,onset,pao2,61,,")
                .writeXlsx(temp.resolve("errors.xlsx"));

        assertThatThrownBy(() -> importer.importFrom(file))
                .isInstanceOfSatisfying(WorkbookImportException.class, e -> assertThat(e.errors()).containsExactly(
                        error("measurements", 7, "variable", "pao2", "duplicate measurement of pao2 for patient P1 at onset; first given in row 1"),
                        error("ct_reads", 0, null, null, "required sheet missing")));
    }

    @Test
    void rejectsAFileThatIsNotAnXlsxWorkbook()
            throws IOException
    {
        Path file = Files.writeString(temp.resolve("broken.xlsx"), "not a zip");

        assertThatThrownBy(() -> importer.importFrom(file))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("cannot read " + file + " as an .xlsx workbook");
        assertThatThrownBy(() -> importer.importFrom(temp.resolve("absent.xlsx")))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void skipsEmptyRowsButKeepsTheirNumbers()
            throws IOException
    {
        Path file = CsvFixture.valid().writeXlsx(temp.resolve("gaps.xlsx"));
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(file))) {
            Sheet events = workbook.getSheet("adverse_events");
            Row moved = events.createRow(3);
            Row original = events.getRow(1);
            for (int i = 0; i < original.getLastCellNum(); i++) {
                if (original.getCell(i) != null) {
                    moved.createCell(i).setCellValue(original.getCell(i).getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                            ? Double.toString(original.getCell(i).getNumericCellValue()).replace(".0", "")
                            : original.getCell(i).getStringCellValue());
                }
            }
            moved.getCell(2).setCellValue("2024-05-20");
            events.removeRow(original);
            try (OutputStream out = Files.newOutputStream(temp.resolve("moved.xlsx"))) {
                workbook.write(out);
            }
        }

        AdverseEvent event = importer.importFrom(temp.resolve("moved.xlsx")).workbook().adverseEvents().get(0);

        assertThat(event.source()).isEqualTo(new SourceRef("adverse_events row 3"));
        assertThat(event.onsetDate()).isEqualTo(LocalDate.of(2024, 5, 20));
        assertThat(event.grade()).isEqualTo(2);
    }

    /** The workbook with every source replaced, to compare values read from different formats. */
    static CaseWorkbook withoutSources(CaseWorkbook workbook)
    {
        List<CaseRecord> cases = workbook.cases().stream().map(c -> new CaseRecord(c.patientId(), c.dayZero(), c.fields(), ANY_SOURCE)).toList();
        List<Measurement> measurements = workbook.measurements().stream()
                .map(m -> new Measurement(m.patientId(), m.timepoint(), m.variable(), m.value(), m.unit(), m.date(), ANY_SOURCE)).toList();
        List<CtStudy> studies = workbook.ctStudies().stream()
                .map(s -> new CtStudy(s.patientId(), s.timepoint(), s.date(), s.studyId(), ANY_SOURCE)).toList();
        List<AdverseEvent> events = workbook.adverseEvents().stream()
                .map(e -> new AdverseEvent(e.patientId(), e.term(), e.onsetDate(), e.grade(), e.ctcaeVersion(), e.serious(), e.relatedTo(), e.action(), e.outcome(), ANY_SOURCE)).toList();
        return new CaseWorkbook(cases, measurements, studies, workbook.ichikadoReads(), workbook.kazerooniReads(), events);
    }
}
