package org.casebook.redcap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.ProtocolReader;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.workbook.WorkbookImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REDCap shows a dropdown's label to the person entering data: an adverse event's outcome and
 * "related to" are labelled in the protocol's words, and the codes still come back as the
 * protocol's levels.
 */
class AdverseEventChoiceWordsTest
{
    private static final String RESECTION = "ild-lung-resection";
    private static final Path RESECTION_CASES = Path.of("src/test/resources/workbooks/ild-lung-resection");

    // two outcomes read alike ("unknown", "Unknown"); one has REDCap's choice separator in its words
    private static final String ADVERSE_EVENTS = """
            adverse_events:
              related_to: {surgery: The resection, other: another drug, unknown: not known}
              outcomes: {resolved: Resolved, not_resolved: "Not recovered/not resolved", sequelae: "Resolved | with sequelae", unk: unknown, unk_fu: Unknown, fatal: Fatal}
            """;

    private static StudyProtocol resection(String block)
    {
        String text = Protocols.builtInFile(RESECTION, "protocol.yaml").orElseThrow();
        return new ProtocolReader("p.yaml", path -> Protocols.builtInFile(RESECTION, path).orElseThrow()).read(text + "\n" + block);
    }

    @Test
    void theDefaultLevelsAreLabelledInWords()
    {
        DataDictionary dictionary = new RedcapExporter(Protocols.builtIn(Protocols.SEED)).dictionary();
        assertThat(dictionary.findField("aev_outcome").orElseThrow().choices())
                .isEqualTo("1, recovered | 2, recovering | 3, not recovered | 4, recovered with sequelae | 5, fatal | 6, unknown");
        assertThat(dictionary.findField("aev_related_to").orElseThrow().choices()).isEqualTo("1, JAK inhibitor | 2, glucocorticoid | 3, other drug | 4, unknown");
    }

    @Test
    void theProtocolsWordsAreTheLabelsEachNamingOneLevel()
    {
        DataDictionary dictionary = new RedcapExporter(resection(ADVERSE_EVENTS)).dictionary();
        assertThat(dictionary.findField("aev_outcome").orElseThrow().choices()).isEqualTo(
                "1, Resolved | 2, Not recovered/not resolved | 3, Resolved / with sequelae | 4, unknown (unk) | 5, Unknown (unk_fu) | 6, Fatal");
        assertThat(dictionary.findField("aev_related_to").orElseThrow().choices()).isEqualTo("1, The resection | 2, another drug | 3, not known");
        // read back as REDCap would: six choices, not seven
        assertThat(DataDictionary.parse(dictionary.toCsv(), "dictionary.csv").findField("aev_outcome").orElseThrow().choiceList()).hasSize(6);
    }

    @Test
    void everyLevelComesBackThroughTheGeneratedMappingAndWithoutValueMaps(@TempDir Path temp)
            throws IOException
    {
        StudyProtocol protocol = resection(ADVERSE_EVENTS);
        Path cases = temp.resolve("cases");
        Files.createDirectories(cases);
        for (String sheet : new String[] {"cases.csv", "measurements.csv", "ct_reads.csv"}) {
            Files.copy(RESECTION_CASES.resolve(sheet), cases.resolve(sheet));
        }
        // one event per outcome level, each related to a level in turn
        StringBuilder events = new StringBuilder("patient_id,term,onset_date,grade,serious,related_to,outcome\n");
        String[] outcomes = {"resolved", "not_resolved", "sequelae", "unk", "unk_fu", "fatal"};
        String[] related = {"surgery", "other", "unknown"};
        for (int i = 0; i < outcomes.length; i++) {
            events.append("S01,event ").append(i).append(",2012-04-25,2,no,").append(related[i % related.length]).append(',').append(outcomes[i]).append('\n');
        }
        Files.writeString(cases.resolve("adverse_events.csv"), events);
        CaseWorkbook original = new WorkbookImporter(protocol).importFrom(cases).workbook();
        Path redcap = temp.resolve("redcap");
        RedcapExporter.write(new RedcapExporter(protocol).export(original), redcap);
        DataDictionary dictionary = DataDictionary.read(redcap.resolve("dictionary.csv"), "dictionary.csv");
        String mapping = new MappingGenerator(protocol, dictionary, Map.of()).generate();
        assertThat(mapping).doesNotContain("# TODO ").contains("\"2\": \"not_resolved\"", "\"4\": \"unk\"", "\"5\": \"unk_fu\"", "\"1\": \"surgery\"");
        Files.writeString(temp.resolve("mapping.yaml"), mapping);
        // a hand-written mapping naming only the fields: the codes' labels are read back as levels
        String bare = mapping.replaceAll("\\{field: \"(aev_outcome|aev_related_to)\", values: \\{[^}]*}}", "{field: \"$1\"}");
        assertThat(bare).contains("{field: \"aev_outcome\"}");
        Files.writeString(temp.resolve("bare.yaml"), bare);

        for (String mappingFile : new String[] {"mapping.yaml", "bare.yaml"}) {
            RedcapImporter.Result result = new RedcapImporter(protocol).importTo(
                    new RedcapImporter.Input(redcap.resolve("dictionary.csv"), redcap.resolve("records.csv"), null, temp.resolve(mappingFile)),
                    temp.resolve("imported-" + mappingFile));
            assertThat(result.workbook().adverseEvents()).as(mappingFile)
                    .extracting(event -> event.relatedTo() + " " + event.outcome())
                    .containsExactlyInAnyOrder("surgery resolved", "other not_resolved", "unknown sequelae", "surgery unk", "other unk_fu", "unknown fatal");
        }
    }
}
