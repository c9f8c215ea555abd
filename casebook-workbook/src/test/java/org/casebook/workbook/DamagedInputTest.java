package org.casebook.workbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.casebook.workbook.ImportIssue.error;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Inputs found by fuzzing (or made by hand-editing a file) that once ended in an internal error,
 * a hang or silently lost data: each is now a located error.
 */
class DamagedInputTest
{
    private static final String CASES_SHEET = "xl/worksheets/sheet1.xml";

    @TempDir
    Path temp;

    private final WorkbookImporter importer = new WorkbookImporter(WorkbookImporterTest.SEED);

    private List<ImportIssue> errors(Path workbook)
    {
        return assertThatExceptionOfType(WorkbookImportException.class).isThrownBy(() -> importer.importFrom(workbook)).actual().errors();
    }

    @Nested
    class Xlsx
    {
        /** The valid fixture as .xlsx, with the cell {@code ref} of the cases sheet (A1 = header) replaced by {@code cellXml}. */
        private Path withCasesCell(String ref, String cellXml)
                throws IOException
        {
            Map<String, byte[]> parts = parts(CsvFixture.valid().writeXlsx(temp.resolve("valid.xlsx")));
            String sheet = new String(parts.get(CASES_SHEET), StandardCharsets.UTF_8);
            Matcher cell = Pattern.compile("<c r=\"" + ref + "\"[^>]*?(/>|>.*?</c>)").matcher(sheet);
            assertThat(cell.find()).as(ref + " in " + sheet).isTrue();
            parts.put(CASES_SHEET, (sheet.substring(0, cell.start()) + cellXml + sheet.substring(cell.end())).getBytes(StandardCharsets.UTF_8));
            return write(parts);
        }

        @Test
        void anErrorCellIsAnErrorNamingItsCell()
                throws IOException
        {
            assertThat(errors(withCasesCell("E2", "<c r=\"E2\" t=\"e\"><v>#N/A</v></c>")))
                    .containsExactly(error("cases", 1, "age", null, "cell E2: an Excel error value '#N/A'; expected a value"));
            assertThat(errors(withCasesCell("E2", "<c r=\"E2\" t=\"e\"><v>#WHAT?</v></c>")))
                    .containsExactly(error("cases", 1, "age", null, "cell E2: an Excel error value '#WHAT?'; expected a value"));
        }

        @Test
        void aNumberCellHoldingNaNOrTextIsAnError()
                throws IOException
        {
            assertThat(errors(withCasesCell("E2", "<c r=\"E2\"><v>NaN</v></c>")))
                    .containsExactly(error("cases", 1, "age", null, "cell E2: a number cell holding 'NaN', not a finite number"));
            assertThat(errors(withCasesCell("E2", "<c r=\"E2\" t=\"n\"><v>seventy</v></c>")))
                    .containsExactly(error("cases", 1, "age", null, "cell E2: a number cell holding 'seventy', not a number"));
            assertThat(errors(withCasesCell("E2", "<c r=\"E2\" t=\"str\"><v>seventy</v></c>")))
                    .containsExactly(error("cases", 1, "age", "seventy", "expected a number"));
        }

        @Test
        void anIsoDateCellIsReadAndABadOneIsAnError()
                throws IOException
        {
            Path file = withCasesCell("B2", "<c r=\"B2\" t=\"d\"><v>2024-03-01T00:00:00</v></c>");
            assertThat(importer.importFrom(file).workbook().findCase("P1").orElseThrow().date("admission_date")).isEqualTo(LocalDate.of(2024, 3, 1));
            assertThat(errors(withCasesCell("B2", "<c r=\"B2\" t=\"d\"><v>yesterday</v></c>")))
                    .contains(error("cases", 1, "admission_date", null, "cell B2: a date cell holding 'yesterday', not an ISO 8601 date"));
        }

        @Test
        void aSharedStringIndexOutsideTheStringsIsAnErrorNotAnEmptyCell()
                throws IOException
        {
            assertThat(errors(withCasesCell("F2", "<c r=\"F2\" t=\"s\"><v>99999</v></c>")))
                    .singleElement().satisfies(issue -> {
                        assertThat(issue.sheet()).isEqualTo("cases");
                        assertThat(issue.row()).isEqualTo(1);
                        assertThat(issue.column()).isEqualTo("sex");
                        assertThat(issue.problem()).startsWith("cell F2: shared string 99999 does not exist; the workbook has ");
                    });
        }

        @Test
        void aSheetWhosePartIsMissingIsAnErrorNotZeroRows()
                throws IOException
        {
            Map<String, byte[]> parts = parts(CsvFixture.valid().writeXlsx(temp.resolve("valid.xlsx")));
            assertThat(parts.remove("xl/worksheets/sheet5.xml")).isNotNull();
            assertThat(errors(write(parts))).containsExactly(
                    error("adverse_events", 0, null, null, "the sheet is listed in the workbook but its contents are missing from the file (damaged .xlsx)"));
        }

        @Test
        void rowsOutOfOrderAreAnErrorNamingTheSheetNotASilentReordering()
                throws IOException
        {
            Map<String, byte[]> parts = parts(CsvFixture.valid().writeXlsx(temp.resolve("valid.xlsx")));
            String sheet = new String(parts.get(CASES_SHEET), StandardCharsets.UTF_8);
            // the streamed sheet meets row 2 again after row 3: Excel never writes that
            Matcher row2 = Pattern.compile("<row r=\"2\".*?</row>").matcher(sheet);
            assertThat(row2.find()).isTrue();
            int sheetDataEnd = sheet.indexOf("</sheetData>");
            String moved = sheet.substring(0, sheetDataEnd) + row2.group() + sheet.substring(sheetDataEnd);
            parts.put(CASES_SHEET, moved.getBytes(StandardCharsets.UTF_8));
            assertThat(errors(write(parts))).first().satisfies(issue -> {
                assertThat(issue.sheet()).isEqualTo("cases");
                assertThat(issue.problem()).startsWith("row 2 comes after row ").contains("the rows are out of order (damaged .xlsx)");
            });
        }

        @Test
        void aDamagedSheetXmlIsOneErrorNamingTheFile()
                throws IOException
        {
            Map<String, byte[]> parts = parts(CsvFixture.valid().writeXlsx(temp.resolve("valid.xlsx")));
            byte[] sheet = parts.get(CASES_SHEET);
            parts.put(CASES_SHEET, java.util.Arrays.copyOf(sheet, sheet.length / 2));
            Path file = write(parts);
            assertThatExceptionOfType(CasebookException.class).isThrownBy(() -> importer.importFrom(file))
                    .satisfies(e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_INPUT))
                    .withMessageStartingWith("cannot read " + file + " as an .xlsx workbook");
        }

        private Map<String, byte[]> parts(Path xlsx)
                throws IOException
        {
            Map<String, byte[]> parts = new LinkedHashMap<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(xlsx)))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    parts.put(entry.getName(), in.readAllBytes());
                }
            }
            return parts;
        }

        private Path write(Map<String, byte[]> parts)
                throws IOException
        {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                    out.putNextEntry(new ZipEntry(part.getKey()));
                    out.write(part.getValue());
                    out.closeEntry();
                }
            }
            Path file = Files.createTempFile(temp, "damaged", ".xlsx");
            Files.write(file, bytes.toByteArray());
            return file;
        }
    }

    @Nested
    class Csv
    {
        @Test
        void aMegabyteIntegerCellIsRefusedQuicklyAndShortened()
                throws IOException
        {
            String digits = "9".repeat(1_000_000);
            Path folder = CsvFixture.valid().appending("measurements.csv", "P2,after,ldh," + digits + ",,").writeFolder(temp.resolve("big"));
            List<ImportIssue> errors = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> errors(folder));
            assertThat(errors).singleElement().satisfies(issue -> {
                assertThat(issue.row()).isEqualTo(7);
                assertThat(issue.column()).isEqualTo("value");
                assertThat(issue.problem()).isEqualTo("expected a number (of at most 40 characters)");
                assertThat(issue.message()).hasSizeLessThan(200).contains("… (1000000 characters)");
            });
        }

        @Test
        void numbersBeyondRangeAndNotFiniteAreErrors()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("cases.csv", "P3,2024-04-01,,,1e400").appending("cases.csv", "P4,2024-04-01,,,Infinity")
                    .appending("cases.csv", "P5,2024-04-01,,,NaN").writeFolder(temp.resolve("numbers"))))
                    .containsExactly(
                            error("cases.csv", 3, "age", "1e400", "expected a number"),
                            error("cases.csv", 4, "age", "Infinity", "expected a number"),
                            error("cases.csv", 5, "age", "NaN", "expected a number"));
        }

        @Test
        void datesFarOutsideTheCalendarAreErrors()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("cases.csv", "P3,+999999999-12-31").appending("cases.csv", "P4,-0001-01-01")
                    .writeFolder(temp.resolve("dates"))))
                    .containsExactly(
                            error("cases.csv", 3, "admission_date", "+999999999-12-31", "expected a date yyyy-mm-dd"),
                            error("cases.csv", 4, "admission_date", "-0001-01-01", "expected a date yyyy-mm-dd"));
        }

        @Test
        void terminalEscapesInACellAreEscapedInTheMessage()
                throws IOException
        {
            List<ImportIssue> errors = errors(CsvFixture.valid().appending("cases.csv", "P3,\u001b[2J\u001b]0;owned\u0007").writeFolder(temp.resolve("escapes")));
            assertThat(errors).singleElement().satisfies(issue ->
                    assertThat(issue.message()).isEqualTo("cases.csv row 3, column admission_date: '\\u001b[2J\\u001b]0;owned\\u0007': expected a date yyyy-mm-dd"));
        }
    }
}
