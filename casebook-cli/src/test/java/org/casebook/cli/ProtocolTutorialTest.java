package org.casebook.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tutorial of docs/protocol.md, run as a new user would: every file is copied from the page
 * (fenced blocks whose first line is {@code # file: PATH}), so the page stays true.
 */
class ProtocolTutorialTest
{
    private static final Path DOCS = Path.of("..", "docs", "protocol.md");
    private static final Pattern FILE_BLOCK = Pattern.compile("```(?:yaml|csv)\\n# file: (\\S+)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    static Path dir;

    @BeforeAll
    static void copyTheTutorialsFiles()
            throws IOException
    {
        Map<String, String> files = tutorialFiles();
        assertThat(files).containsKeys("amiodarone-thyroid/protocol.yaml", "amiodarone-thyroid/codesets/tsh.yaml", "amiodarone-cases/cases.csv");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            // The file's own text: a YAML file keeps its '# file:' line as a comment; a CSV file starts at its header.
            String text = file.getKey().endsWith(".yaml") ? "# file: " + file.getKey() + "\n" + file.getValue() : file.getValue();
            Files.writeString(target, text, StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> tutorialFiles()
            throws IOException
    {
        String page = Files.readString(DOCS, StandardCharsets.UTF_8);
        Map<String, String> files = new LinkedHashMap<>();
        Matcher matcher = FILE_BLOCK.matcher(page.substring(page.indexOf("## Tutorial")));
        while (matcher.find()) {
            files.put(matcher.group(1), matcher.group(2));
        }
        return files;
    }

    private static String protocol()
    {
        return dir.resolve("amiodarone-thyroid/protocol.yaml").toString();
    }

    @Test
    void protocolChecksAndGivesAnEmptyWorkbookWithItsColumns()
            throws IOException
    {
        CliRun check = CliRun.of("protocol", "check", protocol());
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains("amiodarone-thyroid: Thyroid function after starting amiodarone");
        Path template = dir.resolve("template");
        CliRun workbook = CliRun.of("protocol", "workbook", protocol(), "--out", template.toString());
        assertThat(workbook.exitCode()).as(workbook.err()).isZero();
        assertThat(Files.readAllLines(template.resolve("cases.csv")).get(0))
                .isEqualTo("patient_id,start_date,age,sex,levothyroxine_started,death_date,last_followup_date,source");
        assertThat(Files.readString(template.resolve("about.csv"))).contains("levothyroxine_started,Levothyroxine within 6 months,yes_no,no");
        // the adverse-events sheet is described too, its related_to levels the protocol's (here the default ones)
        assertThat(Files.readString(template.resolve("about.csv"))).contains("adverse_events,related_to,Related to,category,no,,jaki | glucocorticoid | other | unknown");
        assertThat(Files.readString(template.resolve("about.csv")))
                .contains("adverse_events,outcome,Outcome,category,no,,recovered | recovering | not_recovered | recovered_with_sequelae | fatal | unknown")
                .contains("adverse_events,ctcae_version,CTCAE version,text,no,,a version such as 5.0 or 4.03");
        assertThat(Files.readString(template.resolve("adverse_events.csv"))).startsWith("patient_id,term,onset_date,grade,ctcae_version,serious,related_to,action,outcome,source");
        CliRun show = CliRun.of("protocol", "show", protocol());
        assertThat(show.out()).contains("id: amiodarone-thyroid");
    }

    @Test
    void casesAnalyseWithTheProtocolsOutcomesAndReport()
            throws IOException
    {
        Path json = dir.resolve("results.json");
        CliRun analyze = CliRun.of("analyze", "--protocol", protocol(), "--cases", dir.resolve("amiodarone-cases").toString(), "--json", json.toString());
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results.at("/counts/tsh_up_2").asInt()).isEqualTo(1);
        assertThat(results.at("/denominators/tsh_up_2").asInt()).isEqualTo(2);
        assertThat(results.at("/counts/levothyroxine").asInt()).isEqualTo(1);
        assertThat(results.at("/denominators/levothyroxine").asInt()).isEqualTo(3);
        Path report = dir.resolve("report");
        CliRun run = CliRun.of("report", "--protocol", protocol(), "--cases", dir.resolve("amiodarone-cases").toString(), "--out", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).contains("Thyroid function after starting amiodarone").contains("TSH").contains("Levothyroxine started");
    }

    @Test
    void adverseEventsNotCollectedAreNeverReportedAsNoneRecorded()
            throws IOException
    {
        // the tutorial's workbook has no adverse_events sheet: not collected
        Path json = dir.resolve("not-collected.json");
        CliRun analyze = CliRun.of("analyze", "--protocol", protocol(), "--cases", dir.resolve("amiodarone-cases").toString(), "--json", json.toString());
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("not collected (the workbook has no adverse-event sheet)");
        assertThat(new ObjectMapper().readTree(json.toFile()).at("/adverse_events/collected").asBoolean(true)).isFalse();
        Path report = dir.resolve("report-not-collected");
        assertThat(CliRun.of("report", "--protocol", protocol(), "--cases", dir.resolve("amiodarone-cases").toString(), "--out", report.toString()).exitCode()).isZero();
        assertThat(Files.readString(report.resolve("text/methods_results.txt"))).contains("Adverse events were not collected.").doesNotContain("No adverse events");
        assertThat(Files.readString(report.resolve("tables/table2_patients.csv"))).contains("not collected").doesNotContain("none recorded");

        // the same workbook with an empty adverse_events sheet: collected, none recorded
        Path collected = dir.resolve("collected-cases");
        Files.createDirectories(collected);
        try (var files = Files.list(dir.resolve("amiodarone-cases"))) {
            for (Path file : files.toList()) {
                Files.copy(file, collected.resolve(file.getFileName()));
            }
        }
        Files.writeString(collected.resolve("adverse_events.csv"), "patient_id,term\n");
        Path none = dir.resolve("report-none");
        assertThat(CliRun.of("report", "--protocol", protocol(), "--cases", collected.toString(), "--out", none.toString()).exitCode()).isZero();
        assertThat(Files.readString(none.resolve("text/methods_results.txt"))).contains("No adverse events were recorded.");
        assertThat(Files.readString(none.resolve("tables/table2_patients.csv"))).contains("none recorded").doesNotContain("not collected");
    }

    @Test
    void aBadValueInTheTutorialsWorkbookIsLocated()
            throws IOException
    {
        Path cases = dir.resolve("bad-cases");
        Files.createDirectories(cases);
        for (String name : new String[] {"measurements.csv", "ct_reads.csv"}) {
            Files.copy(dir.resolve("amiodarone-cases").resolve(name), cases.resolve(name));
        }
        Files.writeString(cases.resolve("cases.csv"), "patient_id,start_date,age,sex\nA01,2023-02-03,300,X\n");
        CliRun analyze = CliRun.of("analyze", "--protocol", protocol(), "--cases", cases.toString());
        assertThat(analyze.exitCode()).isEqualTo(1);
        assertThat(analyze.err()).contains("cases.csv row 1, column age: '300': expected a number from 18 to 110")
                .contains("column sex: 'X': expected F or M");
    }
}
