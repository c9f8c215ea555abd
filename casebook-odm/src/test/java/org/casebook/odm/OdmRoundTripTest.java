package org.casebook.odm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.workbook.WorkbookImporter;
import org.casebook.workbook.WorkbookWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class OdmRoundTripTest
{
    static final Path SEED_DEMO = Path.of("../casebook-cli/src/main/resources/org/casebook/demo");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    static final List<String> SHEETS = List.of("cases", "measurements", "ct_studies", "ct_reads", "ct_reads_kazerooni", "adverse_events");

    static Stream<Arguments> workbooks()
    {
        return Stream.of(
                Arguments.of(Protocols.SEED, SEED_DEMO),
                Arguments.of("dm-ild-tofacitinib", Path.of("../casebook-redcap/src/test/resources/workbooks/dm-ild-tofacitinib")),
                Arguments.of("ild-lung-resection", Path.of("../casebook-redcap/src/test/resources/workbooks/ild-lung-resection")));
    }

    @ParameterizedTest
    @MethodSource("workbooks")
    void exportThenImportGivesBackEveryValueAndEverySource(String protocolName, Path cases, @TempDir Path temp)
            throws IOException
    {
        StudyProtocol protocol = Protocols.builtIn(protocolName);
        CaseWorkbook original = new WorkbookImporter(protocol).importFrom(cases).workbook();
        OdmExporter.Export export = new OdmExporter(protocol).export(original, CLOCK);
        Path file = temp.resolve("study.xml");
        OdmExporter.write(export.xml(), file);

        OdmImporter.Result result = new OdmImporter(protocol).importTo(file, temp.resolve("imported"));

        assertThat(result.warnings()).isEmpty();
        assertThat(export.subjects()).isEqualTo(original.cases().size());
        assertThat(result.values()).isEqualTo(export.values()).isPositive();
        new WorkbookWriter(protocol.caseSchema()).writeCsvFolder(original, temp.resolve("original"));
        assertSameSheets(temp.resolve("original"), temp.resolve("imported"));
    }

    @ParameterizedTest
    @MethodSource("workbooks")
    void everyExportValidatesAgainstTheOfficialOdmSchema(String protocolName, Path cases)
            throws Exception
    {
        OdmSchema.assumePresent();
        StudyProtocol protocol = Protocols.builtIn(protocolName);
        CaseWorkbook workbook = new WorkbookImporter(protocol).importFrom(cases).workbook();
        OdmSchema.validate(new OdmExporter(protocol).export(workbook, CLOCK).xml());
    }

    @Test
    void theSchemaCheckCatchesAnInvalidFile()
    {
        OdmSchema.assumePresent();
        StudyProtocol protocol = Protocols.builtIn("dm-ild-tofacitinib");
        CaseWorkbook workbook = new WorkbookImporter(protocol).importFrom(Path.of("../casebook-redcap/src/test/resources/workbooks/dm-ild-tofacitinib")).workbook();
        String xml = new OdmExporter(protocol).export(workbook, CLOCK).xml();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OdmSchema.validate(xml.replaceFirst("<Question>", "<Questions>")))
                .isInstanceOf(org.xml.sax.SAXException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OdmSchema.validate(xml.replace("FileType=\"Snapshot\"", "FileType=\"Bogus\"")))
                .isInstanceOf(org.xml.sax.SAXException.class);
    }

    @Test
    void textWithMarkupLineBreaksTabsAndNonLatinLettersComesBackExactly(@TempDir Path temp)
            throws Exception
    {
        StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
        Path cases = temp.resolve("cases");
        Files.createDirectories(cases);
        try (Stream<Path> files = Files.list(SEED_DEMO)) {
            for (Path csv : files.filter(path -> path.toString().endsWith(".csv")).toList()) {
                Files.copy(csv, cases.resolve(csv.getFileName()));
            }
        }
        Path events = cases.resolve("adverse_events.csv");
        String text = Files.readString(events);
        String tricky = "\"stopped <b>&amp; \"\"held\"\"</b>\nthen\tresumed; 再開 ü\"";
        Files.writeString(events, text.replaceFirst("zolpidem at night", java.util.regex.Matcher.quoteReplacement(tricky)));
        CaseWorkbook original = new WorkbookImporter(protocol).importFrom(cases).workbook();
        assertThat(original.adverseEvents().get(0).action()).contains("\n", "\t", "再開", "<b>");

        String xml = new OdmExporter(protocol).export(original, CLOCK).xml();
        Path file = temp.resolve("study.xml");
        OdmExporter.write(xml, file);
        CaseWorkbook back = new OdmImporter(protocol).read(file).workbook();

        assertThat(back.adverseEvents().get(0).action()).isEqualTo(original.adverseEvents().get(0).action());
        if (Files.isRegularFile(OdmSchema.FOLDER.resolve("ODM1-3-2.xsd"))) {
            OdmSchema.validate(xml);
        }
    }

    @Test
    void theMetadataDescribesTheProtocol()
    {
        StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
        CaseWorkbook workbook = new WorkbookImporter(protocol).importFrom(SEED_DEMO).workbook();
        String xml = new OdmExporter(protocol).export(workbook, CLOCK).xml();
        assertThat(xml).contains("ODMVersion=\"1.3.2\"", "FileType=\"Snapshot\"", "CreationDateTime=\"2026-12-05T10:00:00Z\"")
                .contains("<StudyEventDef OID=\"SE.before\"", "<StudyEventDef OID=\"SE.onset\"", "<FormDef OID=\"F.MX\"")
                .contains("<ItemDef OID=\"I.CASE.admission_date\" Name=\"admission_date\" DataType=\"date\"")
                .contains("<ItemDef OID=\"I.MX.fio2\" Name=\"fio2\" DataType=\"float\"")
                .contains("<CodeList OID=\"CL.CASE.smoking\"", "<CodeListItem CodedValue=\"former\">")
                // the code is the level, the decode the protocol's words for it
                .containsPattern("<CodeListItem CodedValue=\"not_recovered\">\\s*<Decode>\\s*<TranslatedText[^>]*>not recovered</TranslatedText>")
                .containsPattern("<CodeListItem CodedValue=\"jaki\">\\s*<Decode>\\s*<TranslatedText[^>]*>JAK inhibitor</TranslatedText>")
                .contains("<MeasurementUnit OID=\"MU.")
                .contains("<RangeCheck Comparator=\"GE\" SoftHard=\"Hard\">", "<CheckValue>0.21</CheckValue>")
                .contains("<SubjectData SubjectKey=\"P01\">")
                .doesNotContain("AuditRecord", "AdminData");
    }

    static void assertSameSheets(Path expected, Path actual)
            throws IOException
    {
        for (String sheet : SHEETS) {
            Path expectedFile = expected.resolve(sheet + ".csv");
            Path actualFile = actual.resolve(sheet + ".csv");
            assertThat(Files.exists(actualFile)).as(sheet).isEqualTo(Files.exists(expectedFile));
            if (Files.exists(expectedFile)) {
                // row order within a patient is not data; every cell, the source included, is
                assertThat(rows(actualFile)).as(sheet).containsExactlyInAnyOrderElementsOf(rows(expectedFile));
                assertThat(header(actualFile)).as(sheet).isEqualTo(header(expectedFile));
            }
        }
    }

    static List<List<String>> rows(Path file)
            throws IOException
    {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.parse(Files.newBufferedReader(file))) {
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
        }
        return rows.subList(1, rows.size());
    }

    static List<String> header(Path file)
            throws IOException
    {
        return Files.readAllLines(file).get(0).lines().toList();
    }
}
