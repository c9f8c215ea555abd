package org.casebook.report.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.casebook.report.Provenance;
import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyReport;
import org.casebook.report.figure.Figure;
import org.casebook.report.table.ReportTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The written files of the fixture's report: what each holds, and that CSV output is reproducible. */
class ReportWriterTest
{
    static final Instant GENERATED = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    static Path directory;
    static StudyReport report;
    static ReportWriter.ReportFiles files;

    public static StudyReport fixtureReport(Instant generatedAt)
    {
        var data = SeriesFixtures.sixPatientData();
        Provenance provenance = new Provenance("0.1.0-test", data.protocol().id(), data.protocol().sha256(), "fixture", "ab".repeat(32), generatedAt);
        return StudyReport.build(data, provenance);
    }

    @BeforeAll
    static void writeReport()
    {
        report = fixtureReport(GENERATED);
        files = new ReportWriter().write(report, directory.resolve("first"));
    }

    @Test
    void writesEveryTableAsCsvAndAllAsOneWorkbook()
            throws Exception
    {
        assertThat(files.csv()).extracting(path -> path.getFileName().toString())
                .containsExactly("table1_baseline.csv", "table2_patients.csv", "table3_timepoints.csv", "table3b_pairwise_tests.csv",
                        "table4_adverse_events.csv", "table4b_adverse_event_grades.csv", "table5_treatment.csv", "table5b_timing.csv", "care_checklist.csv");
        assertThat(Files.readString(files.csv().get(2))).startsWith("Variable,Statistic,Before exacerbation,At onset,After treatment,Friedman test (exploratory)\n"
                + "CT total,Mean ± SD,179.2 ± 47.7,247.5 ± 49.3,225.8 ± 56.4,\"χ²(2) = 12.00, p < 0.001 (exact), n = 6\"\n");
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(files.xlsx()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(9);
            var sheet = workbook.getSheet("table3_timepoints");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Table 3. Time points");
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("179.2 ± 47.7");
        }
    }

    @Test
    void csvTablesAreByteIdenticalAcrossRunsAtDifferentTimes()
            throws Exception
    {
        ReportWriter.ReportFiles second = new ReportWriter().write(fixtureReport(GENERATED.plusSeconds(3600)), directory.resolve("second"));
        for (int i = 0; i < files.csv().size(); i++) {
            assertThat(Files.readAllBytes(second.csv().get(i))).isEqualTo(Files.readAllBytes(files.csv().get(i)));
        }
        assertThat(Files.readString(second.html())).isNotEqualTo(Files.readString(files.html()));
    }

    @Test
    void htmlIsSelfContainedWithEveryTableFigureAndTheFooter()
            throws Exception
    {
        String html = Files.readString(files.html());
        for (ReportTable table : report.allTables()) {
            assertThat(html).contains("id=\"" + table.id() + "\"").contains(table.title());
        }
        for (Figure figure : report.figures()) {
            assertThat(html).contains("<figure id=\"" + figure.id() + "\">").contains(figure.id() + "-svg");
        }
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("<link").doesNotContain("<script");
        assertThat(html).contains("casebook <span>0.1.0-test</span>").contains(report.provenance().protocolSha256()).contains("ab".repeat(32))
                .contains("2026-01-02 03:04:05 UTC");
    }

    @Test
    void pdfKeepsEachShortTableAndEachFigureOnOnePage()
            throws Exception
    {
        try (PDDocument pdf = Loader.loadPDF(files.pdf().toFile())) {
            List<String> pages = new java.util.ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(stripper.getText(pdf).replaceAll("\\s+", " "));
            }
            for (ReportTable table : report.allTables()) {
                String lastNote = table.notes().get(table.notes().size() - 1);
                assertThat(pages).as(table.id() + ": title and last note on the same page")
                        .anySatisfy(page -> assertThat(page).contains(table.title(), lastNote.substring(0, 30)));
            }
            for (Figure figure : report.figures()) {
                assertThat(pages).as(figure.id() + ": caption on exactly one page")
                        .filteredOn(page -> page.contains(figure.caption().substring(0, 30))).hasSize(1);
            }
        }
    }

    @Test
    void pdfHoldsTheSameTablesFiguresAndFooter()
            throws Exception
    {
        try (PDDocument pdf = Loader.loadPDF(files.pdf().toFile())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            for (ReportTable table : report.allTables()) {
                assertThat(text).contains(table.title());
            }
            for (Figure figure : report.figures()) {
                assertThat(text).contains(figure.caption().substring(0, 40).replaceAll("\\s+", " "));
            }
            assertThat(text).contains("179.2 ± 47.7").contains("Reproducibility.").contains(report.provenance().protocolSha256().substring(0, 20));
            // Table 2 and 3b are printed on landscape pages
            assertThat(pdf.getPages().get(0).getMediaBox().getWidth()).isLessThan(pdf.getPages().get(0).getMediaBox().getHeight());
            List<Boolean> landscape = new java.util.ArrayList<>();
            pdf.getPages().forEach(page -> landscape.add(page.getMediaBox().getWidth() > page.getMediaBox().getHeight()));
            assertThat(landscape).contains(true);
        }
    }

    @Test
    void pdfTextCopiesAsTyped()
            throws Exception
    {
        try (PDDocument pdf = Loader.loadPDF(files.pdf().toFile())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            // the fonts' ligatures are not applied: "fi" and "ff" copy and search as the two letters
            // typed, not as one ligature character (U+FB00–U+FB06), and χ² as χ², not χ2
            assertThat(report.paragraphs()).anySatisfy(paragraph -> assertThat(paragraph).contains("Pre-specified analysis"));
            assertThat(text).contains("Pre-specified analysis").contains("difference").contains("χ²(2) = 12.00")
                    .doesNotContainPattern("[\uFB00-\uFB06]");
        }
    }

    @Test
    void writesEachFigureAsSvgAndPngTheTextAndTheWordTables()
            throws Exception
    {
        for (Figure figure : report.figures()) {
            assertThat(Files.readString(files.figures().resolve(figure.id() + ".svg"))).startsWith("<?xml").contains("<svg width=\"");
            byte[] png = Files.readAllBytes(files.figures().resolve(figure.id() + ".png"));
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
        assertThat(Files.readAllLines(files.figures().resolve(ReportWriter.CAPTIONS)))
                .containsExactlyElementsOf(report.figures().stream().map(figure -> figure.id() + "\t" + figure.caption()).toList());
        assertThat(Files.readString(files.text())).isEqualTo(String.join("\n\n", report.paragraphs()) + "\n");
        try (var docx = new org.apache.poi.xwpf.usermodel.XWPFDocument(Files.newInputStream(files.docx()))) {
            assertThat(docx.getTables()).hasSize(report.allTables().size());
        }
    }
}
