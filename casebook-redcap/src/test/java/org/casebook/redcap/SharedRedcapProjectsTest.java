package org.casebook.redcap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real REDCap project exports of ../shared/redcap (REDCapR's test data), read as they came. */
class SharedRedcapProjectsTest
{
    static final Path SHARED = Path.of("../../shared/redcap");

    /** The exports sit beside the checkout (../shared); a clone elsewhere skips these tests, saying why. */
    @org.junit.jupiter.api.BeforeAll
    static void sharedExportsArePresent()
    {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(SHARED),
                "the shared REDCap exports are not at " + SHARED.toAbsolutePath().normalize());
    }

    static Stream<Path> projects()
            throws IOException
    {
        try (Stream<Path> folders = Files.list(SHARED)) {
            return folders.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    static Path dictionaryOf(Path project)
    {
        return Files.exists(project.resolve("dictionary.csv")) ? project.resolve("dictionary.csv") : project.resolve("dictionay.csv");
    }

    @ParameterizedTest
    @MethodSource("projects")
    void everyDictionaryAndRecordsFileIsRead(Path project)
    {
        Path dictionaryFile = dictionaryOf(project);
        if (Files.exists(dictionaryFile)) {
            DataDictionary dictionary = DataDictionary.read(dictionaryFile, dictionaryFile.getFileName().toString());
            assertThat(dictionary.fields()).isNotEmpty();
            assertThat(dictionary.fields()).allSatisfy(field -> assertThat(field.fieldType()).isNotBlank());
            dictionary.fields().forEach(DictionaryField::choiceList);
        }
        if (Files.exists(project.resolve("data.csv"))) {
            CsvTable records = CsvTable.read(project.resolve("data.csv"), "data.csv");
            assertThat(records.rows()).allSatisfy(row -> assertThat(row.number()).isPositive());
        }
    }

    @Test
    void theApiStyleDictionaryReadsLikeTheLabelledOne()
    {
        DataDictionary labelled = DataDictionary.read(SHARED.resolve("simple/dictionary.csv"), "dictionary.csv");
        DataDictionary api = DataDictionary.read(SHARED.resolve("simple/metadata.csv"), "metadata.csv");
        assertThat(api.fields()).extracting(DictionaryField::fieldName).containsExactlyElementsOf(labelled.fields().stream().map(DictionaryField::fieldName).toList());
        assertThat(api.findField("record_id").orElseThrow().sectionHeader()).isEmpty();
    }

    @Test
    void validationTypesAndChoicesAreKept()
    {
        DataDictionary dictionary = DataDictionary.read(SHARED.resolve("validation-types-1/dictionary.csv"), "dictionary.csv");
        assertThat(dictionary.findField("v_date_dmy").orElseThrow().validation()).isEqualTo("date_dmy");
        assertThat(dictionary.findField("v_number_comma_decimal").orElseThrow().isNumeric()).isTrue();
        assertThat(dictionary.findField("f_checkbox").orElseThrow().recordColumns()).containsExactly("f_checkbox___0", "f_checkbox___1", "f_checkbox___2");
        assertThat(dictionary.findField("f_radio").orElseThrow().choiceList()).containsExactly(
                new DictionaryField.Choice("0", "Zero"), new DictionaryField.Choice("1", "One"), new DictionaryField.Choice("2", "Two"));
    }

    @Test
    void theLongitudinalProjectImportsThroughAMapping(@TempDir Path temp)
    {
        Path project = SHARED.resolve("longitudinal");
        StudyProtocol protocol = Protocols.fromFile(Path.of("src/test/resources/redcap/longitudinal/protocol.yaml"));
        RedcapImporter.Result result = new RedcapImporter(protocol).importTo(new RedcapImporter.Input(project.resolve("dictionary.csv"), project.resolve("data.csv"),
                project.resolve("event.csv"), Path.of("src/test/resources/redcap/longitudinal/mapping.yaml")), temp.resolve("cases"));

        CaseWorkbook workbook = result.workbook();
        assertThat(workbook.cases()).extracting(record -> record.patientId()).contains("100", "220");
        assertThat(workbook.findCase("100").orElseThrow().values()).containsEntry("sex", "M").containsKey("date_enrolled");
        assertThat(workbook.findMeasurement("100", "visit1", "creatinine")).isPresent();
        assertThat(result.placed()).isGreaterThan(10);
        assertThat(result.unmapped()).contains("first_name", "vld3");
        assertThat(temp.resolve("cases/cases.csv")).exists();
    }

    @Test
    void theRepeatingInstrumentsProjectImportsEachInstanceAsATimePoint(@TempDir Path temp)
    {
        Path project = SHARED.resolve("repeating-instruments");
        StudyProtocol protocol = Protocols.fromFile(Path.of("src/test/resources/redcap/repeating/protocol.yaml"));

        RedcapImporter.Result result = new RedcapImporter(protocol).importTo(new RedcapImporter.Input(project.resolve("dictionary.csv"), project.resolve("data.csv"), null,
                Path.of("src/test/resources/redcap/repeating/mapping.yaml")), temp.resolve("cases"));

        CaseWorkbook workbook = result.workbook();
        assertThat(workbook.cases()).extracting(record -> record.patientId()).containsExactly("1", "2");
        assertThat(workbook.findMeasurement("1", "bp3", "systolic").orElseThrow().value()).isEqualTo(112.0);
        assertThat(workbook.findMeasurement("2", "bp1", "diastolic").orElseThrow().source().location()).isEqualTo("data.csv row 6");
        assertThat(workbook.findMeasurement("2", "bp2", "systolic")).isEmpty();
        assertThat(result.unmapped()).containsExactly("ethnicity", "race");
    }

    @Test
    void theMappingExampleOfTheDocsImportsItsProject(@TempDir Path temp)
            throws IOException
    {
        String docs = Files.readString(Path.of("../docs/redcap.md"));
        int start = docs.indexOf("# file: mapping.yaml");
        String example = docs.substring(start, docs.indexOf("```", start));
        Path mapping = temp.resolve("mapping.yaml");
        Files.writeString(mapping, example);
        Path project = SHARED.resolve("repeating-instruments");
        StudyProtocol protocol = Protocols.fromFile(Path.of("src/test/resources/redcap/repeating/protocol.yaml"));

        CaseWorkbook workbook = new RedcapImporter(protocol).read(new RedcapImporter.Input(project.resolve("dictionary.csv"), project.resolve("data.csv"), null, mapping)).workbook();

        assertThat(workbook.measurements()).hasSize(8);
    }

    @Test
    void theSparseProjectsRecordWithoutConsentDateIsALocatedError(@TempDir Path temp)
    {
        Path project = SHARED.resolve("repeating-instruments-sparse");
        StudyProtocol protocol = Protocols.fromFile(Path.of("src/test/resources/redcap/repeating/protocol.yaml"));
        Path out = temp.resolve("cases");

        assertThatThrownBy(() -> new RedcapImporter(protocol).importTo(new RedcapImporter.Input(project.resolve("dictionary.csv"), project.resolve("data.csv"), null,
                Path.of("src/test/resources/redcap/repeating/mapping.yaml")), out))
                .isInstanceOf(RedcapImportException.class)
                .hasMessageContaining("data.csv row 9, column date_enrolled: required value missing");
        assertThat(out).doesNotExist();
    }

    @Test
    void theGeneratedMappingMatchesNamesAndLabelsAndMarksTheRest()
    {
        StudyProtocol protocol = Protocols.fromFile(Path.of("src/test/resources/redcap/repeating/protocol.yaml"));
        DataDictionary dictionary = DataDictionary.read(SHARED.resolve("repeating-instruments/dictionary.csv"), "dictionary.csv");

        String mapping = new MappingGenerator(protocol, dictionary, Map.of()).generate();

        assertThat(mapping).contains("date_enrolled: {field: \"date_enrolled\"}", "dob: {field: \"dob\"}",
                "sex: {field: \"sex\", values: {\"0\": \"\", \"1\": \"\"}}  # TODO map choices 0 Female; 1 Male",
                "# TODO initials", "# TODO systolic", "#   bp_systolic (bp, text)");
        RedcapMapping.parse("mapping.yaml", mapping);
    }

    @Test
    void commaDecimalsBecomeNumbers(@TempDir Path temp)
            throws IOException
    {
        Path project = SHARED.resolve("decimal-comma");
        Path protocolFile = temp.resolve("protocol.yaml");
        Files.writeString(protocolFile, Files.readString(Path.of("src/test/resources/redcap/longitudinal/protocol.yaml"))
                .replace("  - {name: last_followup_date, label: Last follow-up, kind: date}", "  - {name: height, label: Height, kind: number, unit: m, range: {min: 0.5, max: 2.5}}"));
        Path mapping = temp.resolve("mapping.yaml");
        Files.writeString(mapping, "record_id: record_id\ncases:\n  columns:\n    date_enrolled: {value: 2020-01-01}\n    height: {field: height}\n    weight: {field: weight}\n");
        StudyProtocol protocol = Protocols.fromFile(protocolFile);

        CaseWorkbook workbook = new RedcapImporter(protocol).read(new RedcapImporter.Input(project.resolve("dictionay.csv"), project.resolve("data.csv"), null, mapping)).workbook();

        assertThat(workbook.findCase("1").orElseThrow().values()).containsEntry("height", new java.math.BigDecimal("1.54")).containsEntry("weight", new java.math.BigDecimal("52.3"));
        assertThat(List.of(workbook.cases().size())).containsExactly(Files.readAllLines(project.resolve("data.csv")).size() - 1);
    }
}
