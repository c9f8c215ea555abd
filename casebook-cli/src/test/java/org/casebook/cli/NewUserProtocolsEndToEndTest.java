package org.casebook.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.protocol.OutcomeSpec;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.cli.ResultsAssertions.assertCounts;
import static org.casebook.cli.BuiltInStudiesEndToEndTest.firstColumns;
import static org.casebook.cli.BuiltInStudiesEndToEndTest.lines;
import static org.casebook.cli.BuiltInStudiesEndToEndTest.run;

/**
 * Three studies no built-in protocol describes, written as a new user would from docs/protocol.md
 * alone (test resources {@code newuser/}, not built-ins): a first prescription with a numeric
 * observation criterion and an exclusion by absence ({@code nintedanib-ppf}); a first diagnosis
 * with a procedure, a criterion timed from another's record, an imaging study by modality, a device
 * request, a dose, days between dates and a count after discharge ({@code pe-cdt}); an admission
 * with classes, statuses, a coded result, {@code min_count}, {@code any_of}, stop reasons, a
 * derived ratio, Kazerooni CT and every report key ({@code hp-mmf}). Each runs through the command
 * line as the README runs it: check, show, workbook, synth at two seeds, screen (the generator's
 * expected files exactly), analyze, report in the study's own words; and a hand-written workbook
 * with blanks, ties at thresholds, zeros and n = 2 gives the counts worked out by hand.
 */
class NewUserProtocolsEndToEndTest
{
    @TempDir
    Path dir;

    static Stream<Arguments> studies()
    {
        return Stream.of("nintedanib-ppf", "pe-cdt", "hp-mmf").flatMap(name -> Stream.of(Arguments.of(name, 4L), Arguments.of(name, 23L)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("studies")
    void synthScreenAnalyzeReport(String name, long seed)
            throws IOException
    {
        Path protocolFile = fixture(name).resolve("protocol.yaml");
        StudyProtocol protocol = Protocols.fromFile(protocolFile);
        String file = protocolFile.toString();
        Path hospital = dir.resolve("hospital");
        Path screening = dir.resolve("screening");
        Path json = dir.resolve("results.json");
        Path report = dir.resolve("report");

        assertThat(run("protocol", "check", file).out()).contains(protocol.id());
        assertThat(run("protocol", "show", file).out()).contains("id: " + protocol.id());
        run("protocol", "workbook", file, "--out", dir.resolve("empty.xlsx").toString());
        assertThat(dir.resolve("empty.xlsx")).isNotEmptyFile();

        CliRun synth = run("synth", "--protocol", file, "--patients", "500", "--seed", Long.toString(seed), "--out", hospital.toString(), "--quiet");
        assertThat(synth.out()).as("every planted patient gets the result it is planted for").doesNotContain("otherwise than");
        run("screen", "--protocol", file, "--fhir", hospital.toString(), "--out", screening.toString(), "--quiet");
        assertThat(firstColumns(screening.resolve("screening.csv"), 6)).containsExactlyElementsOf(lines(hospital.resolve("expected/screening.csv")));
        for (String table : List.of("cases.csv", "measurements.csv", "ct_studies.csv", "provenance.csv")) {
            assertThat(lines(screening.resolve("cases").resolve(table))).as(table).containsExactlyElementsOf(lines(hospital.resolve("expected/cases").resolve(table)));
        }
        assertThat(lines(hospital.resolve("expected/cases/cases.csv")).size() - 1).as("planted patients included").isGreaterThanOrEqualTo(3);
        assertThat(lines(hospital.resolve("expected/planted.csv"))).as("near misses planted").anyMatch(line -> line.contains(",excluded,"));

        run("analyze", "--protocol", file, "--cases", screening.resolve("cases").toString(), "--json", json.toString());
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results.path("protocol").toString()).contains(protocol.id());
        for (OutcomeSpec outcome : protocol.outcomes().list()) {
            assertThat(results.path("counts").has(outcome.name())).as("results count outcome %s", outcome.name()).isTrue();
        }

        run("report", "--protocol", file, "--cases", screening.resolve("cases").toString(), "--out", report.toString());
        String text = visibleText(Files.readString(report.resolve("report.html"), StandardCharsets.UTF_8));
        assertThat(text).contains(protocol.title());
        for (VariableSpec variable : protocol.variables()) {
            assertThat(text).as("report names variable %s by its label", variable.name()).contains(variable.label());
            if (variable.name().contains("_")) {
                assertThat(text).as("a person never reads the variable's raw name").doesNotContain(variable.name());
            }
        }
        for (OutcomeSpec outcome : protocol.outcomes().list()) {
            String shown = !outcome.label().equals(outcome.name()) ? outcome.label() : outcome.description();
            if (shown != null) {
                assertThat(text).as("report names outcome %s in the protocol's words", outcome.name()).contains(shown);
            }
            if (outcome.name().contains("_")) {
                assertThat(text).as("a person never reads the outcome's raw name").doesNotContain(outcome.name());
            }
        }
    }

    /** Blanks, a 10% fall exactly at the threshold, a weight in grams and in pounds, a death on day 184 (after day 180), n = 2. */
    @Test
    void nintedanibHandWorkbookGivesTheHandCounts()
            throws IOException
    {
        JsonNode results = analyze("nintedanib-ppf");
        assertCounts(results, Map.of(
                "fvc_declined_10pct", "1/1",      // 70 → 63 is exactly 10%; the other patient has no month-12 value
                "weight_lost_5pct", "1/2",        // 60 kg → 57000 g is exactly 5%; 132.277 lb → 60 kg is no loss
                "fvc_stable_m6", "0/2",           // 70 → 70 twice: a tie is no increase
                "died_by_day180", "0/2",          // died on day 184
                "died_by_day365", "1/2",
                "alive_day365", "1/2",
                "diarrhoea", "1/1",               // a blank answer is not in the denominator
                "dose_reduced", "0/1"));
    }

    /** Day 0 from the fallback for the patient without thrombolysis, changes exactly at their thresholds, zero counts. */
    @Test
    void pulmonaryEmbolismHandWorkbookGivesTheHandCounts()
            throws IOException
    {
        JsonNode results = analyze("pe-cdt");
        assertCounts(results, Map.of(
                "probnp_halved", "2/2",           // 1000 → 500 (and 500.0) is exactly 50%
                "spo2_up_3", "1/2",               // 90 → 93 is +3; 90 → 92.999 is not
                "died_by_day30", "1/2",           // E2 died on day 19 of its fallback day 0
                "home_oxygen", "0/1",
                "revisited", "0/2"));             // zero visits, both recorded
        assertThat(results.path("agents_by_field").path("doac").path("apixaban").asInt()).isEqualTo(1);
        Path report = dir.resolve("report");
        run("report", "--protocol", fixture("pe-cdt").resolve("protocol.yaml").toString(), "--cases", fixture("pe-cdt").resolve("cases").toString(), "--out", report.toString());
        String text = Files.readString(report.resolve("text/methods_results.txt"), StandardCharsets.UTF_8);
        assertThat(text).contains("Anticoagulant: apixaban in 1 patient.", "(the PE diagnosed for 1 patient without it)");
    }

    /**
     * Kazerooni reads by two readers in perfect agreement, a stay of 0 days and one of exactly 14, a
     * blank pulse decided by a dose exactly at 500 mg, a stop reason written in another case with
     * spaces, 'none' deciding the event as not met, an empty adverse-event sheet.
     */
    @Test
    void hypersensitivityPneumonitisHandWorkbookGivesTheHandCounts()
            throws IOException
    {
        JsonNode results = analyze("hp-mmf");
        assertCounts(results, Map.of(
                "long_stay", "1/2",               // 14 days (threshold 14) and 0 days, both computed from the dates
                "pulse", "1/2",                   // blank with 500 mg: yes; 'no' with 1000 mg stays no
                "steroid_stopped_for_ae", "1/2",  // ' Adverse Event ' the day before; 'none' counts as not met
                "pf_improved", "1/2",             // 150 → 200 (computed from PaO2 and FiO2 in %); 285.7 → 335.7 is exactly +50
                "dlco_fell", "2/2",               // 50 → 42.5 is exactly 15%
                "died_by_day180", "1/2"));
        assertThat(results.path("days_steroid_stop_to_admission").path("median").asDouble()).isEqualTo(1.0);
        assertThat(results.path("timepoints").path("admission").path("ct_total").path("mean").asDouble()).isEqualTo(6.2);
        Path report = dir.resolve("report");
        run("report", "--protocol", fixture("hp-mmf").resolve("protocol.yaml").toString(), "--cases", fixture("hp-mmf").resolve("cases").toString(), "--out", report.toString());
        String text = Files.readString(report.resolve("text/methods_results.txt"), StandardCharsets.UTF_8);
        // FiO2 at its two decimals, as Table 3 prints it; the CT score by its name with a capital
        assertThat(text).contains("FiO2 was 0.31 ± 0.13 (admission)", "Kazerooni score (0–10)", "No adverse events were recorded", "a median of 1 day (range 1–1)");
        String html = visibleText(Files.readString(report.resolve("report.html"), StandardCharsets.UTF_8));
        assertThat(html).contains("DLCO fell by 15 % or more of its admission value", "CT total: Kazerooni score").doesNotContain("dlco_fell", "kazerooni score");
    }

    /** OMOP CDM has no imaging table: a protocol with an imaging-study criterion is refused by name, not screened to nobody. */
    @Test
    void omopRefusesAnImagingCriterionByName()
    {
        Path cdm = dir.resolve("cdm");
        String file = fixture("pe-cdt").resolve("protocol.yaml").toString();
        run("synth", "--protocol", file, "--patients", "100", "--seed", "2", "--format", "omop", "--out", cdm.toString(), "--quiet");
        CliRun screen = CliRun.of("screen", "--omop", cdm.toString(), "--protocol", file, "--out", dir.resolve("out").toString(), "--quiet");
        assertThat(screen.exitCode()).as(screen.err()).isEqualTo(1);
        assertThat(screen.err()).contains("criterion 'ctpa'", "imaging_study", "OMOP", "--fhir");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private JsonNode analyze(String name)
            throws IOException
    {
        Path json = dir.resolve(name + ".json");
        run("analyze", "--protocol", fixture(name).resolve("protocol.yaml").toString(), "--cases", fixture(name).resolve("cases").toString(), "--json", json.toString());
        return new ObjectMapper().readTree(json.toFile());
    }

    private static Path fixture(String name)
    {
        try {
            return Path.of(NewUserProtocolsEndToEndTest.class.getResource("/newuser/" + name + "/protocol.yaml").toURI()).getParent();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a person reads in the HTML: no styles, inline figures or tags. */
    private static String visibleText(String html)
    {
        return html.replaceAll("(?s)<style.*?</style>", " ").replaceAll("(?s)<svg.*?</svg>", " ").replaceAll("(?s)<script.*?</script>", " ")
                .replaceAll("<[^>]+>", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&quot;", "\"")
                .replaceAll("\\s+", " ");
    }
}
