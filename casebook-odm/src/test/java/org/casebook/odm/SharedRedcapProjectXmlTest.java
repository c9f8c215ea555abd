package org.casebook.odm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.casebook.redcap.DataDictionary;
import org.casebook.redcap.DictionaryField;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** REDCap's own project.xml files of ../shared/redcap (REDCapR's test projects), read leniently as they came. */
class SharedRedcapProjectXmlTest
{
    static final Path SHARED = Path.of("../../shared/redcap");

    @BeforeAll
    static void sharedExportsArePresent()
    {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "the shared REDCap exports are not at " + SHARED.toAbsolutePath().normalize());
    }

    static Stream<Path> projects()
            throws IOException
    {
        try (Stream<Path> folders = Files.list(SHARED)) {
            return folders.filter(folder -> Files.exists(folder.resolve("project.xml"))).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("projects")
    void everyProjectXmlIsReadAsItsDictionaryAndRecords(Path project)
            throws IOException
    {
        RedcapProjectXmlReader.Project read = RedcapProjectXmlReader.read(project.resolve("project.xml"), "project.xml");
        assertThat(read.dictionary().fields()).isNotEmpty();
        assertThat(read.rows()).allSatisfy(row -> assertThat(row.get(read.recordIdField())).isNotBlank());
        Path dictionaryFile = Files.exists(project.resolve("dictionary.csv")) ? project.resolve("dictionary.csv") : project.resolve("dictionay.csv");
        if (Files.exists(dictionaryFile)) {
            // the project.xml and the dictionary came from the same project, exported separately: the same fields, types and choices
            DataDictionary dictionary = DataDictionary.read(dictionaryFile, "dictionary.csv");
            Map<String, String> differences = KNOWN_DIFFERENCES.getOrDefault(project.getFileName().toString(), Map.of());
            List<String> expected = dictionary.fields().stream().map(field -> field.fieldName() + " " + field.fieldType() + " " + field.choiceList()).toList();
            List<String> actual = read.dictionary().fields().stream()
                    .filter(field -> !differences.containsKey(field.fieldName()) || !differences.get(field.fieldName()).equals("only in project.xml"))
                    .map(field -> field.fieldName() + " " + (differences.containsKey(field.fieldName()) ? differences.get(field.fieldName()) : field.fieldType()) + " " + field.choiceList())
                    .toList();
            assertThat(actual).containsExactlyElementsOf(expected);
        }
        // every ItemData of the file (and every uploaded file's name) is a cell of the records (counted here without the reader)
        java.util.regex.Matcher itemData = java.util.regex.Pattern.compile("<ItemData [^>]*Value=|<ItemDataBase64Binary [^>]*redcap:DocName=").matcher(Files.readString(project.resolve("project.xml")));
        int count = 0;
        while (itemData.find()) {
            count++;
        }
        assertThat(read.values()).isEqualTo(count);
        assertThat(read.rows()).allSatisfy(row -> assertThat(read.header()).containsAll(row.keySet()));
    }

    /** Where the project.xml and the dictionary.csv of one shared project disagree, as they came (exported at different times). */
    static final Map<String, Map<String, String>> KNOWN_DIFFERENCES = Map.of(
            "metadata-write", Map.of("age", "text"),
            "repeating-instruments-sparse", Map.of("age", "calc"),
            "simple", Map.of("interpreter_needed", "only in project.xml"));
}
