package org.casebook.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.protocol.OutcomeSpec;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's "done when" for each built-in study other than the seed (the seed has its own recorded
 * outputs): synth → screen → analyze → report through the command line, at two seeds. Screening
 * gives the generator's expected files exactly, and the results and the report speak the study's
 * own variables and outcomes, read from its protocol, and none of the seed's.
 */
class BuiltInStudiesEndToEndTest
{
    /** Words only the seed study's Java once wrote into every report. */
    private static final List<String> SEED_TERMS = List.of("pf_increased", "fvc_declined", "mpsl", "RA duration", "AE onset", "alive_day90");

    @TempDir
    Path dir;

    static Stream<Arguments> studies()
    {
        return Protocols.builtInNames().stream()
                .filter(name -> !name.equals("ae-ra-ild-jaki"))
                .flatMap(name -> Stream.of(Arguments.of(name, 4L), Arguments.of(name, 23L)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("studies")
    void synthScreenAnalyzeReport(String name, long seed)
            throws IOException
    {
        StudyProtocol protocol = Protocols.builtIn(name);
        Path hospital = dir.resolve("hospital");
        Path screening = dir.resolve("screening");
        Path json = dir.resolve("results.json");
        Path report = dir.resolve("report");

        run("synth", "--protocol", name, "--patients", "500", "--seed", Long.toString(seed), "--out", hospital.toString(), "--quiet");
        run("screen", "--protocol", name, "--fhir", hospital.toString(), "--out", screening.toString(), "--quiet");
        assertThat(firstColumns(screening.resolve("screening.csv"), 6)).containsExactlyElementsOf(lines(hospital.resolve("expected/screening.csv")));
        for (String file : List.of("cases.csv", "measurements.csv", "provenance.csv")) {
            assertThat(lines(screening.resolve("cases").resolve(file))).as(file).containsExactlyElementsOf(lines(hospital.resolve("expected/cases").resolve(file)));
        }
        long included = lines(hospital.resolve("expected/cases/cases.csv")).size() - 1;
        assertThat(included).as("planted patients included").isGreaterThanOrEqualTo(3);

        CliRun analyze = run("analyze", "--protocol", name, "--cases", screening.resolve("cases").toString(), "--json", json.toString());
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results.toString()).contains("\"" + protocol.id() + "\"");
        for (OutcomeSpec outcome : protocol.outcomes().list()) {
            assertThat(analyze.out()).as("analyze prints outcome %s", outcome.name()).contains(outcome.name());
            assertThat(results.toString()).as("results.json holds outcome %s", outcome.name()).contains("\"" + outcome.name() + "\"");
        }

        run("report", "--protocol", name, "--cases", screening.resolve("cases").toString(), "--out", report.toString());
        String html = Files.readString(report.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains(escaped(protocol.title()));
        for (VariableSpec variable : protocol.variables()) {
            assertThat(html).as("report names variable %s", variable.name()).contains(escaped(variable.label()));
        }
        for (OutcomeSpec outcome : protocol.outcomes().list()) {
            assertThat(html).as("report names outcome %s", outcome.name()).contains(escaped(outcome.label() == null ? outcome.name() : outcome.label()));
        }
        for (String term : SEED_TERMS) {
            assertThat(html).as("the seed's term %s", term).doesNotContain(term);
        }
    }

    /**
     * The seed protocol: synth --protocol ae-ra-ild-jaki plants its extract rules, and screen
     * writes the generator's expected files exactly; analyze and report run.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 23})
    void synthOfTheSeedProtocolScreensAsExpected(long seed)
            throws IOException
    {
        Path hospital = dir.resolve("hospital");
        Path screening = dir.resolve("screening");

        CliRun synth = run("synth", "--protocol", Protocols.SEED, "--patients", "700", "--seed", Long.toString(seed), "--out", hospital.toString(), "--quiet");
        assertThat(synth.out()).doesNotContain("otherwise than");
        run("screen", "--protocol", Protocols.SEED, "--fhir", hospital.toString(), "--out", screening.toString(), "--quiet");
        assertThat(firstColumns(screening.resolve("screening.csv"), 6)).containsExactlyElementsOf(lines(hospital.resolve("expected/screening.csv")));
        for (String name : List.of("cases.csv", "measurements.csv", "ct_studies.csv", "provenance.csv")) {
            assertThat(lines(screening.resolve("cases").resolve(name))).as(name).containsExactlyElementsOf(lines(hospital.resolve("expected/cases").resolve(name)));
        }
        assertThat(lines(hospital.resolve("expected/cases/cases.csv")).size() - 1).as("planted patients included").isGreaterThanOrEqualTo(3);
        assertThat(lines(hospital.resolve("expected/cases/ct_studies.csv")).size() - 1).as("CT studies").isGreaterThanOrEqualTo(3);

        run("analyze", "--protocol", Protocols.SEED, "--cases", screening.resolve("cases").toString());
        run("report", "--protocol", Protocols.SEED, "--cases", screening.resolve("cases").toString(), "--out", dir.resolve("report").toString());
    }

    /** Shared with the other end-to-end tests of this package. */
    static CliRun run(String... args)
    {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
        return run;
    }

    /** Shared with the other end-to-end tests of this package. */
    static List<String> lines(Path file)
            throws IOException
    {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** Shared with the other end-to-end tests of this package. */
    static List<String> firstColumns(Path file, int columns)
            throws IOException
    {
        return lines(file).stream().map(line -> String.join(",", List.of(line.split(",", -1)).subList(0, columns))).toList();
    }

    private static String escaped(String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
