package org.casebook.redcap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

class RedcapRoundTripTest
{
    static final Path SEED_DEMO = Path.of("../casebook-cli/src/main/resources/org/casebook/demo");

    static Stream<Arguments> workbooks()
    {
        return Stream.of(
                Arguments.of(Protocols.SEED, SEED_DEMO),
                Arguments.of("dm-ild-tofacitinib", Path.of("src/test/resources/workbooks/dm-ild-tofacitinib")),
                Arguments.of("ild-lung-resection", Path.of("src/test/resources/workbooks/ild-lung-resection")));
    }

    @ParameterizedTest
    @MethodSource("workbooks")
    void exportThenImportWithTheGeneratedMappingGivesBackEveryValue(String protocolName, Path cases, @TempDir Path temp)
            throws IOException
    {
        StudyProtocol protocol = Protocols.builtIn(protocolName);
        CaseWorkbook original = new WorkbookImporter(protocol).importFrom(cases).workbook();
        RedcapExporter.Export export = new RedcapExporter(protocol).export(original);
        Path redcap = temp.resolve("redcap");
        RedcapExporter.write(export, redcap);
        DataDictionary dictionary = DataDictionary.read(redcap.resolve("dictionary.csv"), "dictionary.csv");
        String mapping = new MappingGenerator(protocol, dictionary, Map.of()).generate();
        assertThat(mapping).doesNotContain("# TODO ");
        Files.writeString(temp.resolve("mapping.yaml"), mapping);

        RedcapImporter.Result result = new RedcapImporter(protocol).importTo(
                new RedcapImporter.Input(redcap.resolve("dictionary.csv"), redcap.resolve("records.csv"), null, temp.resolve("mapping.yaml")), temp.resolve("imported"));

        assertThat(result.unmapped()).isEmpty();
        new WorkbookWriter(protocol.caseSchema()).writeCsvFolder(original, temp.resolve("original"));
        for (String sheet : List.of("cases", "measurements", "ct_studies", "ct_reads", "ct_reads_kazerooni", "adverse_events")) {
            // Row order within a patient is not data: REDCap groups rows by instrument and instance.
            assertThat(withoutSource(temp.resolve("imported/" + sheet + ".csv")))
                    .as(sheet)
                    .containsExactlyInAnyOrderElementsOf(withoutSource(temp.resolve("original/" + sheet + ".csv")));
        }
        assertThat(result.workbook().cases()).extracting(record -> record.patientId())
                .containsExactlyElementsOf(original.cases().stream().map(record -> record.patientId()).toList());
    }

    @Test
    void dictionaryHasRedcapsEighteenColumnsAndTheProtocolsFieldTypes()
    {
        StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
        DataDictionary dictionary = new RedcapExporter(protocol).dictionary();
        String csv = dictionary.toCsv();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("\"Variable / Field Name\",\"Form Name\",\"Section Header\",\"Field Type\",\"Field Label\","
                + "\"Choices, Calculations, OR Slider Labels\",\"Field Note\",\"Text Validation Type OR Show Slider Number\",\"Text Validation Min\","
                + "\"Text Validation Max\",Identifier?,\"Branching Logic (Show field only if...)\",\"Required Field?\",\"Custom Alignment\","
                + "\"Question Number (surveys only)\",\"Matrix Group Name\",\"Matrix Ranking?\",\"Field Annotation\"");
        assertThat(dictionary.findField("admission_date").orElseThrow().validation()).isEqualTo("date_ymd");
        assertThat(dictionary.findField("admission_date").orElseThrow().requiredField()).isEqualTo("y");
        assertThat(dictionary.findField("rf_positive").orElseThrow().choices()).isEqualTo("1, Yes | 0, No");
        assertThat(dictionary.findField("smoking").orElseThrow().choices()).isEqualTo("1, never | 2, former | 3, current");
        assertThat(dictionary.findField("fio2").orElseThrow().validationMin()).isEqualTo("0.21");
        assertThat(dictionary.findField("fio2").orElseThrow().fieldNote()).isEqualTo("fraction");
        // free text may name people: text fields are flagged; prior_jaki is an agent of the code set or none, a dropdown
        assertThat(dictionary.findField("prior_jaki_stop_reason").orElseThrow().identifier()).isEqualTo("y");
        assertThat(dictionary.findField("prior_jaki").orElseThrow().identifier()).isEmpty();
        assertThat(dictionary.findField("prior_jaki").orElseThrow().choices()).endsWith("| 6, none");
        assertThat(dictionary.forms()).containsExactly("case_data", "measurements", "ct_studies", "ct_reads", "adverse_events");
        // an adverse event's outcome takes the protocol's levels (here the default ones) in their words; its CTCAE version is text
        assertThat(dictionary.findField("aev_outcome").orElseThrow().choices())
                .isEqualTo("1, recovered | 2, recovering | 3, not recovered | 4, recovered with sequelae | 5, fatal | 6, unknown");
        assertThat(dictionary.findField("aev_ctcae_version").orElseThrow().identifier()).isEmpty();
        assertThat(DataDictionary.parse(csv, "dictionary.csv")).isEqualTo(dictionary);
    }

    @Test
    void caseFieldsCarryTheProtocolsSectionsAsSectionHeadersOnTheFirstFieldOfEach()
    {
        StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
        DataDictionary dictionary = new RedcapExporter(protocol).dictionary();
        List<String> headed = dictionary.fields().stream().filter(field -> !field.sectionHeader().isEmpty())
                .map(field -> field.fieldName() + ": " + field.sectionHeader()).toList();
        // the seed's sections in form order, each above its first field; nothing else has a header
        assertThat(headed).startsWith("admission_date: Admission", "ra_duration_years: History", "jaki_agent: Treatment");
        assertThat(headed).hasSize((int) protocol.caseSchema().fields().stream().map(field -> field.section()).distinct().count());
        assertThat(dictionary.findField("age").orElseThrow().sectionHeader()).isEmpty();
        assertThat(dictionary.findField("record_id").orElseThrow().sectionHeader()).isEmpty();
        assertThat(dictionary.findField("pao2").orElseThrow().sectionHeader()).isEmpty();
        // in the CSV, the third column; and read back unchanged
        assertThat(dictionary.toCsv()).contains("admission_date,case_data,Admission,text,");
        assertThat(DataDictionary.parse(dictionary.toCsv(), "dictionary.csv").findField("ra_duration_years").orElseThrow().sectionHeader())
                .isEqualTo("History");
    }

    @Test
    void recordsHaveRepeatColumnsAndFormCompletion(@TempDir Path temp)
    {
        StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
        CaseWorkbook workbook = new WorkbookImporter(protocol).importFrom(SEED_DEMO).workbook();
        CsvTable records = CsvTable.parse(new RedcapExporter(protocol).export(workbook).recordsCsv(), "records.csv");
        assertThat(records.header()).startsWith("record_id", "redcap_repeat_instrument", "redcap_repeat_instance").contains("case_data_complete", "measurements_complete");
        assertThat(records.rows().get(0).cell("redcap_repeat_instrument")).isEmpty();
        assertThat(records.rows().get(1).cell("redcap_repeat_instrument")).isEqualTo("measurements");
        assertThat(records.rows().get(1).cell("redcap_repeat_instance")).isEqualTo("1");
    }

    private static List<String> withoutSource(Path file)
            throws IOException
    {
        CsvTable table = CsvTable.read(file, file.getFileName().toString());
        List<String> lines = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            lines.add(String.join("|", table.header().stream().filter(column -> !column.equals("source")).map(row::cell).toList()));
        }
        return lines;
    }
}
