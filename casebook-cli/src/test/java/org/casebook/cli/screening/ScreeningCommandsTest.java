package org.casebook.cli.screening;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.casebook.cli.CasebookCommand;
import org.casebook.protocol.Protocols;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class ScreeningCommandsTest
{
    @TempDir
    Path temp;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CasebookCommand.newCommandLine(args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    @Test
    void synthThenScreenThenAnalyzeAndReportRunOnTheExtractedCaseWorkbook()
            throws IOException
    {
        Path hospital = temp.resolve("hospital");
        Path screening = temp.resolve("screening");
        Run synth = run("synth", "--patients", "1200", "--seed", "3", "--out", hospital.toString(), "--quiet");
        assertThat(synth.exitCode()).as(synth.err()).isZero();

        Run screen = run("screen", "--extract", hospital.toString(), "--out", screening.toString(), "--quiet");
        assertThat(screen.exitCode()).as(screen.err()).isZero();
        List<String> expected = Files.readAllLines(hospital.resolve("expected/screening.csv"));
        long included = expected.stream().filter(line -> line.contains(",included,")).count();
        assertThat(screen.out()).contains("included: " + included);
        assertThat(screening.resolve("flow.svg")).exists();

        Run analyze = run("analyze", "--cases", screening.resolve("cases").toString());
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("n = " + included + " patients");

        Path report = temp.resolve("report");
        Run reported = run("report", "--cases", screening.resolve("cases").toString(), "--out", report.toString());
        assertThat(reported.exitCode()).as(reported.err()).isZero();
        try (var files = Files.list(report)) {
            assertThat(files.map(path -> path.getFileName().toString())).anyMatch(name -> name.endsWith(".html"));
        }
    }

    @Test
    void synthWithAProtocolOtherThanTheSeedPlantsItsPatientsAndExpectedFiles()
            throws IOException
    {
        Path study = Files.createDirectories(temp.resolve("study"));
        Files.writeString(study.resolve("statin.yaml"), """
                id: statin
                entries:
                  - {system: http://www.nlm.nih.gov/research/umls/rxnorm, code: "83367", agent: atorvastatin}
                """);
        Files.writeString(study.resolve("protocol.yaml"), """
                id: statin-starts
                title: Statin starts
                study_window: {start: 2022-01-01, end: 2022-12-31}
                day0: {event: first_prescription, description: the first statin prescription, field: start_date}
                code_sets: {statin: statin.yaml}
                eligibility:
                  - {id: index, kind: medication, code_set: statin, timing: study_window, first_record: true}
                extract:
                  - {field: start_date, criterion: index, value: date}
                  - {field: agent, criterion: index, value: agent}
                case_fields:
                  - {name: start_date, kind: date, required: true}
                  - {name: agent, kind: agent, code_set: statin}
                timepoints:
                  - {name: baseline, label: Baseline, window_days: {from: -30, to: 0}}
                variables:
                  - {name: ldl, label: LDL, unit: mg/dL, range: {min: 10, max: 400}}
                ct_score: {system: kazerooni}
                outcomes:
                  followup_day: 365
                  list: [{name: alive_day365, kind: status_at_day, day: 365}]
                """);
        Path hospital = temp.resolve("hospital");

        Run synth = run("synth", "--protocol", study.resolve("protocol.yaml").toString(), "--patients", "200", "--seed", "5", "--out", hospital.toString(), "--quiet");

        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.out()).contains("wrote 200 patients").doesNotContain("otherwise than");
        assertThat(hospital.resolve("MedicationRequest.ndjson")).exists();
        assertThat(Files.readAllLines(hospital.resolve("expected/screening.csv")).get(0)).isEqualTo("case_no,patient_id,status,day0,encounter_id,reason");
        assertThat(Files.readAllLines(hospital.resolve("expected/cases/cases.csv")).get(0)).isEqualTo("patient_id,start_date,agent");
        assertThat(Files.readString(hospital.resolve("expected/planted.csv"))).contains(",index_earlier_record,absent,index");
    }

    static Stream<String> builtInProtocolsButTheSeed()
    {
        return Protocols.builtInNames().stream().filter(name -> !name.equals(Protocols.SEED));
    }

    @ParameterizedTest
    @MethodSource("builtInProtocolsButTheSeed")
    void synthThenScreenThenAnalyzeAndReportRunForEachBuiltInProtocol(String protocol)
            throws IOException
    {
        Path hospital = temp.resolve("hospital");
        Path screening = temp.resolve("screening");
        Run synth = run("synth", "--protocol", protocol, "--patients", "1000", "--seed", "4", "--out", hospital.toString(), "--quiet");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.out()).doesNotContain("otherwise than");

        Run screen = run("screen", "--protocol", protocol, "--extract", hospital.toString(), "--out", screening.toString(), "--quiet");
        assertThat(screen.exitCode()).as(screen.err()).isZero();
        assertThat(Files.readAllLines(screening.resolve("screening.csv")).stream().map(line -> String.join(",", List.of(line.split(",", -1)).subList(0, 6))).toList())
                .containsExactlyElementsOf(Files.readAllLines(hospital.resolve("expected/screening.csv")));
        assertThat(Files.readString(screening.resolve("cases/cases.csv"))).isEqualTo(Files.readString(hospital.resolve("expected/cases/cases.csv")));
        long included = Files.readAllLines(hospital.resolve("expected/screening.csv")).stream().filter(line -> line.contains(",included,")).count();

        Run analyze = run("analyze", "--protocol", protocol, "--cases", screening.resolve("cases").toString());
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("n = " + included + " patients");

        Path report = temp.resolve("report");
        Run reported = run("report", "--protocol", protocol, "--cases", screening.resolve("cases").toString(), "--out", report.toString());
        assertThat(reported.exitCode()).as(reported.err()).isZero();
    }

    @Test
    void synthWithTheSeedProtocolNamedPlantsFromItsRulesAndWithoutItWritesTheSeedsHospital()
            throws IOException
    {
        Path seed = temp.resolve("seed");
        Path named = temp.resolve("named");
        assertThat(run("synth", "--patients", "100", "--seed", "2", "--out", seed.toString(), "--quiet").exitCode()).isZero();
        Run synth = run("synth", "--protocol", "ae-ra-ild-jaki", "--patients", "100", "--seed", "2", "--out", named.toString(), "--quiet");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.out()).doesNotContain("otherwise than");

        // the generic generator: near misses named after the protocol's criteria, CT studies from its ct_study rules
        assertThat(Files.readString(named.resolve("expected/planted.csv"))).contains(",index_admission_tz_first_day,included,", ",jak_inhibitor_day_after,excluded,jak_inhibitor");
        assertThat(Files.readAllLines(named.resolve("expected/cases/ct_studies.csv")).size()).isGreaterThan(1);
        assertThat(Files.readString(seed.resolve("expected/screening.csv"))).isNotEqualTo(Files.readString(named.resolve("expected/screening.csv")));
    }

    @Test
    void screenIntoAFolderThatIsNotEmptyIsBadInput()
            throws IOException
    {
        Path hospital = temp.resolve("hospital");
        assertThat(run("synth", "--patients", "100", "--out", hospital.toString(), "--quiet").exitCode()).isZero();
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "mine");

        Run screen = run("screen", "--extract", hospital.toString(), "--out", out.toString(), "--quiet");

        assertThat(screen.exitCode()).isEqualTo(1);
        assertThat(screen.err()).contains("already exists and is not empty");
        assertThat(out.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void strictScreenStopsAtTheFirstBadLineNamingFileAndLine()
            throws IOException
    {
        Path hospital = temp.resolve("hospital");
        assertThat(run("synth", "--patients", "100", "--out", hospital.toString(), "--quiet").exitCode()).isZero();
        Files.writeString(hospital.resolve("Encounter-extra.ndjson"), "{\"resourceType\":\"Encounter\",\"id\":\"e1\",\"class\":{\"code\":\"IMP\"}}\n{not json \"IMP\"\n");

        Run screen = run("screen", "--extract", hospital.toString(), "--out", temp.resolve("out").toString(), "--strict", "--quiet");

        assertThat(screen.exitCode()).isEqualTo(1);
        assertThat(screen.err()).contains("Encounter-extra.ndjson line 1: no subject");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void benchScreenPrintsATableWithTheCasebookAndFloorRows()
    {
        Run bench = run("bench", "screen", "--patients", "300", "--quiet");

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("| casebook screen |").contains("| Jackson streaming parse of every line (floor) |").contains("MB/s");
    }
}
