package org.casebook.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.protocol.OutcomeSpec;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.cli.ResultsAssertions.assertCounts;
import static org.casebook.cli.BuiltInStudiesEndToEndTest.firstColumns;
import static org.casebook.cli.BuiltInStudiesEndToEndTest.lines;
import static org.casebook.cli.BuiltInStudiesEndToEndTest.run;

/**
 * A study none of the built-in protocols describes, written from docs/protocol.md alone and run
 * as its user would (test resources {@code newstudy/}): adults hospitalized for community-acquired
 * pneumonia given a systemic corticosteroid ({@code cap-steroids}). Day 0 is a later criterion's
 * record (the first corticosteroid) with the admission as fallback; an encounter index with
 * classes and statuses, a criterion timed from the index, a numeric result in mg/L, an imaging
 * study by modality, an exclusion with {@code min_count}, an exclusion by a condition; five
 * variables with unit factors (CRP mg/dL × 10, glucose mg/dL × 0.0555, FiO2 %) and a derived
 * SpO2/FiO2 ratio; Kazerooni CT with one reader; every outcome kind; its own adverse-event levels
 * and CTCAE version; every {@code report} key. With it: a hand-written FHIR export with an excluded
 * patient for each criterion, a tiny OMOP folder, a hand-filled workbook as CSV and as xlsx (blanks,
 * a patient with every optional value missing, a change exactly at its threshold, zeros, n = 2 and
 * n = 1 cells, non-ASCII ids and text, dates at year boundaries), and the smallest protocol the
 * docs allow ({@code minimal}).
 */
class NewStudyEndToEndTest
{
    @TempDir
    Path dir;

    @Test
    void checkAndTemplateSpeakTheStudysWords()
            throws IOException
    {
        String file = fixture("cap-steroids").toString();
        CliRun check = run("protocol", "check", file);
        assertThat(check.out()).contains("cap-steroids", "time point    day7      days 5 … 9", "kazerooni, 1 reader\n");
        Path empty = dir.resolve("empty.xlsx");
        assertThat(run("protocol", "workbook", file, "--out", empty.toString()).out()).contains("25 columns");
        assertThat(run("protocol", "check", fixture("minimal").toString()).out()).contains("minimal-dili", "ichikado, 2 readers");
    }

    /** Every count worked out by hand from cap-cases/ (comments), the same from the xlsx copy. */
    @Test
    void handWorkbookGivesTheHandCountsAsCsvAndAsXlsx()
            throws IOException
    {
        JsonNode csv = analyze(fixture("cap-cases"));
        assertCounts(csv, Map.ofEntries(
                Map.entry("crp_halved", "3/5"),               // 120 → 60 is exactly half; 180 mg/L (18 mg/dL) → 200 up; 90 → 50 is 44%; C03 has none
                Map.entry("glucose_up", "1/2"),               // 6.1 → 8.1 is exactly +2; 180 mg/dL = 9.99 → 10.0 is not
                Map.entry("crp_fell_by_day7", "4/4"),         // 120 → 0 (a zero), 180 → 150, 60 → 10, 250 → 20
                Map.entry("alive_day30", "3/4"),              // C03 no dates, C04 last seen before day 0: censored
                Map.entry("died_by_day30", "1/4"),            // C02 died on day 19
                Map.entry("died_by_day60", "1/2"),            // C01 (46 days) and C05 (52 days) censored before day 60
                Map.entry("censored_before_day30", "2/6"),
                Map.entry("icu", "2/5"),
                Map.entry("high_dose_course", "2/5"),         // C01 blank but 200 mg ≥ 200; C06 yes; C03 blank and no dose
                Map.entry("readmitted", "2/5"),
                Map.entry("stopped_for_hyperglycaemia", "2/4"))); // C01 day 5, " Hyperglycaemia " day 7; C05 none: not met; C04 blank
        assertThat(csv.path("timepoints").path("admission").path("crp").path("mean").asDouble()).isEqualTo(140.0);
        // glucose at admission: 6.1, 180 mg/dL × 0.0555 = 9.99, 5.5, 7.0
        assertThat(csv.path("timepoints").path("admission").path("glucose").path("mean").asDouble()).isEqualTo(7.1475);
        // SpO2/FiO2 computed from 92 / 0.21 and 88 / 40 %; C06's given 300
        assertThat(csv.path("timepoints").path("admission").path("sf_ratio").path("n").asInt()).isEqualTo(3);
        JsonNode xlsx = analyze(fixture("cap-cases.xlsx"));
        assertThat(xlsx.path("counts")).isEqualTo(csv.path("counts"));
        assertThat(xlsx.path("denominators")).isEqualTo(csv.path("denominators"));
        assertThat(xlsx.path("timepoints")).isEqualTo(csv.path("timepoints"));

        CliRun analyze = run("analyze", "--protocol", fixture("cap-steroids").toString(), "--cases", fixture("cap-cases").toString());
        assertThat(analyze.out()).contains("n = 6 patients", "median -6.0 (range -7.0 to -5.0), n = 2");
    }

    /**
     * The report in the study's words: Table 3b's Wilcoxon and t-test checked against SciPy 1.x:
     * {@code a=[120,180,60,90,250]; b=[60,200,30,50,90]; stats.wilcoxon(b, a, method='exact')} →
     * statistic 1.0, p 0.125; {@code stats.ttest_rel(b, a)} → t -1.8245, p 0.14213, df 4; the
     * median of the Walsh averages of b − a is -45.0.
     */
    @Test
    void reportTablesUseTheProtocolsWordsAndTheirStatisticsAreSciPys()
            throws IOException
    {
        Path report = dir.resolve("report");
        run("report", "--protocol", fixture("cap-steroids").toString(), "--cases", fixture("cap-cases").toString(), "--out", report.toString());
        Path tables = report.resolve("tables");
        assertThat(lines(tables.resolve("table3b_pairwise_tests.csv"))).contains(
                "C-reactive protein (mg/L),admission → day3,5,Wilcoxon,HL -45.0 (-160.0 to 20.0; 93.8% CI),V = 1,0.125,0.125,exact",
                "C-reactive protein (mg/L),admission → day3,5,paired t (sensitivity),mean -54.0 (-136.2 to 28.2),t(4) = -1.82,0.142,–,unadjusted");
        assertThat(lines(tables.resolve("table2_patients.csv")).get(0)).isEqualTo("Patient,Corticosteroid (mg),High-dose course,CRP admission → day 3,"
                + "Days to day 0: Corticosteroid stopped for hyperglycaemia by day 14,\"Kazerooni total, admission\",\"Kazerooni total, day7\",ICU admission,"
                + "Readmissions within 30 days,Corticosteroid stopped (day),Day-30 status,Adverse events");
        assertThat(lines(tables.resolve("table2_patients.csv"))).contains("P01,hydrocortisone 200,not recorded (200),120 → 60,-5,3.6,1.8,no,0,5,alive,hyperglycaemia (grade 2)");
        assertThat(lines(tables.resolve("table1_baseline.csv"))).contains("Sex,women,3/5 (60%; 95% CI 15–95)", "\"Glucose (mmol/L), on admission\",Mean ± SD,7.15 ± 1.99");
        assertThat(lines(tables.resolve("table5_adverse_events.csv"))).contains(
                "P02,treatment-emergent,4,5,délire (delirium),3 (v4.03),yes,unknown,haloperidol,ongoing",
                "P02,treatment-emergent,18,19,respiratory failure,5 (v5.0),yes,another drug,–,fatal");
        assertThat(lines(tables.resolve("table6_treatment.csv")).get(0))
                .isEqualTo("Patient,Corticosteroid (mg),Days admission → corticosteroid,Course start (day),Course duration (days),Why stopped,Length of stay (days)");
        String text = Files.readString(report.resolve("text/methods_results.txt"), StandardCharsets.UTF_8);
        assertThat(text).contains("6 patients with an index event between 2022-07-01 and 2024-06-30", "Kazerooni score (0–10)", "by one reader",
                "Day 0 was the corticosteroid started (the admission for 2 patients without it)", "a median of -6 days (range -7 to -5)");
        assertInTheStudysWords(Files.readString(report.resolve("report.html"), StandardCharsets.UTF_8), Protocols.fromFile(fixture("cap-steroids")));
    }

    /** The hand-written FHIR export: one excluded patient for each criterion, three included, then their analysis and report. */
    @Test
    void screenTheHandWrittenExtractThenAnalyzeAndReportIt()
            throws IOException
    {
        String protocol = fixture("cap-steroids").toString();
        Path screening = dir.resolve("screening");
        CliRun screen = run("screen", "--protocol", protocol, "--fhir", fixture("fhir").toString(), "--out", screening.toString(), "--quiet");
        assertThat(screen.out()).contains("patients in extract: 9", "with an index admission: 8", "included: 3");
        assertThat(firstColumns(screening.resolve("screening.csv"), 6)).containsExactly(
                "case_no,patient_id,status,day0,encounter_id,reason",
                "1,p09,included,2022-07-03,e09,",               // the pneumonia only on a Condition naming the encounter; one earlier prescription is not long-term use
                "2,p01,included,2023-12-31,e01,",               // day 0 the first corticosteroid, the day after admission, across new year
                "3,p08,included,2024-07-01,e08,",               // a CRP in mg/dL does not meet a mg/L threshold; the next one in mg/L does
                ",p02,excluded,,e02,steroid_early",
                ",p03,excluded,,e03,crp_high",
                ",p04,excluded,,e04,chest_imaging",
                ",p05,excluded,,e05,no_chronic_steroid",
                ",p06,excluded,,e06,no_immunosuppression");     // p07: admitted the day before the study window, not a candidate
        List<String> cases = lines(screening.resolve("cases/cases.csv"));
        assertThat(cases).contains(
                // p09: 17 years old, outside 18–120: blank; its pneumonia has an onset but no recorded date: no days from diagnosis
                "p09,2022-07-01,2022-07-03,2022-07-04,,female,,,,methylprednisolone,500,,,,no,,yes,no,no,no,0,3,,2022-07-04,",
                // p01: the stop reason from the request the stop date's rule chose; diagnosis recorded the day before; antigen positive by code; the higher lactate
                "p01,2023-12-30,2023-12-31,2024-01-05,67,female,,,,hydrocortisone,200,2024-01-04,hyperglycaemia,1,yes,3.1,yes,yes,no,no,0,6,,2024-01-07,",
                // p08: antigen "negative" as text is not a positive result; two readmissions after discharge
                "p08,2024-06-30,2024-07-01,2024-07-08,85,male,,,,dexamethasone,6,,,,no,,no,no,yes,yes,2,8,2024-07-15,2024-07-15,");
        List<String> measurements = lines(screening.resolve("cases/measurements.csv"));
        assertThat(measurements).contains(
                "p01,day3,crp,60,mg/L,2024-01-03,Observation/o01crp3",            // 6 mg/dL × 10
                "p01,day7,crp,0,mg/L,2024-01-07,Observation/o01crp7b",            // the lowest, a zero
                "p01,admission,sf_ratio,438.1,,2023-12-31,Observation/o01spo2;Observation/o01fio2",
                // FiO2 charted 45 minutes after the SpO2 (the protocol pairs within 30): no ratio, but both values are kept
                "p08,admission,spo2,88,%,2024-06-30,Observation/o08spo2",
                "p08,admission,fio2,0.4,fraction,2024-06-30,Observation/o08fio2");
        String flow = Files.readString(screening.resolve("flow.svg"), StandardCharsets.UTF_8).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        assertThat(flow).contains("Excluded, 5. Not on long-term corticosteroids (two or more prescriptions in the 90 days before) not met: 1")
                .doesNotContain("steroid_early", "no_chronic_steroid");

        Path json = dir.resolve("screened.json");
        run("analyze", "--protocol", protocol, "--cases", screening.resolve("cases").toString(), "--json", json.toString());
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertCounts(results, Map.of("readmitted", "1/3", "high_dose_course", "2/3", "stopped_for_hyperglycaemia", "1/1"));
        assertThat(results.path("labels").path("crp_halved").asText()).as("outcomes.labels: true").isEqualTo("CRP fell by half or more by day 3");
        Path report = dir.resolve("screened-report");
        run("report", "--protocol", protocol, "--cases", screening.resolve("cases").toString(), "--out", report.toString());
        assertThat(lines(report.resolve("tables/screening_flow.csv"))).contains(
                "A systemic corticosteroid started within 2 days of admission,7,1", "Included (consecutive cases),3,");
        assertInTheStudysWords(Files.readString(report.resolve("report.html"), StandardCharsets.UTF_8), Protocols.fromFile(fixture("cap-steroids")));
    }

    /** OMOP tables: the imaging criterion is refused by name; without it, the last contact comes from the rows and the death. */
    @Test
    void screenATinyOmopFolder()
            throws IOException
    {
        CliRun refused = CliRun.of("screen", "--omop", fixture("omop").toString(), "--protocol", fixture("cap-steroids").toString(),
                "--out", dir.resolve("refused").toString(), "--quiet");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("criterion 'chest_imaging'");
        Path screening = dir.resolve("omop-screening");
        run("screen", "--omop", fixture("omop").toString(), "--protocol", fixture("cap-steroids-omop").toString(), "--out", screening.toString(), "--quiet");
        assertThat(firstColumns(screening.resolve("screening.csv"), 6)).containsExactly("case_no,patient_id,status,day0,encounter_id,reason",
                "1,1,included,2024-01-01,11,", ",2,excluded,,12,crp_high", ",3,excluded,,13,no_immunosuppression");
        // last_contact: the latest of the visit's end (2024-01-06), the drug's end (2024-01-05), a measurement (2024-01-04) and the death (2024-01-20)
        assertThat(lines(screening.resolve("cases/cases.csv"))).contains("1,2023-12-31,2024-01-01,2024-01-06,73,female,,,,dexamethasone,6,,,,no,,no,yes,no,no,0,6,2024-01-20,2024-01-20,");

        // this variant turns off the outcome labels and Table 4; the one patient died on day 19: survival at day 30 is 0, not unknown
        String protocol = fixture("cap-steroids-omop").toString();
        Path json = dir.resolve("omop.json");
        CliRun analyze = run("analyze", "--protocol", protocol, "--cases", screening.resolve("cases").toString(), "--json", json.toString());
        assertThat(analyze.out()).contains("n = 1 patient\n", "Kaplan–Meier 0% (no log-log CI) at day 30, 1 patient, 1 death");
        assertThat(new ObjectMapper().readTree(json.toFile()).has("labels")).isFalse();
        Path report = dir.resolve("omop-report");
        run("report", "--protocol", protocol, "--cases", screening.resolve("cases").toString(), "--out", report.toString());
        assertThat(report.resolve("tables/table4_outcomes.csv")).doesNotExist();
        assertThat(report.resolve("tables/table4_treatment.csv")).exists();
    }

    /** The smallest protocol: no case fields (the seed's apply), one time point, one variable, no outcome; one patient. */
    @Test
    void theSmallestProtocolRunsWithOnePatient()
            throws IOException
    {
        String protocol = fixture("minimal").toString();
        assertThat(run("analyze", "--protocol", protocol, "--cases", fixture("min-cases").toString()).out()).contains("n = 1 patient\n");
        Path report = dir.resolve("min-report");
        run("report", "--protocol", protocol, "--cases", fixture("min-cases").toString(), "--out", report.toString());
        assertThat(Files.readString(report.resolve("text/methods_results.txt"), StandardCharsets.UTF_8)).contains("1 patient with an index event between");
        assertThat(lines(report.resolve("tables/care_checklist.csv"))).noneMatch(line -> line.contains("()"));
    }

    private void assertInTheStudysWords(String html, StudyProtocol protocol)
    {
        String text = html.replaceAll("(?s)<style.*?</style>", " ").replaceAll("(?s)<svg.*?</svg>", " ").replaceAll("(?s)<script.*?</script>", " ")
                .replaceAll("<[^>]+>", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replaceAll("\\s+", " ");
        assertThat(text).contains(protocol.title()).doesNotContain("JAK", "Ichikado", "P/F", "RA-ILD", "xacerbation", "mPSL");
        protocol.variables().forEach(variable -> assertThat(text).doesNotContain(variable.name().contains("_") ? variable.name() : "\u0000"));
        for (OutcomeSpec outcome : protocol.outcomes().list()) {
            if (outcome.name().contains("_")) {
                assertThat(text).as("outcome %s by its words", outcome.name()).doesNotContain(outcome.name());
            }
        }
    }

    private JsonNode analyze(Path cases)
            throws IOException
    {
        Path json = dir.resolve(cases.getFileName() + ".json");
        run("analyze", "--protocol", fixture("cap-steroids").toString(), "--cases", cases.toString(), "--json", json.toString());
        return new ObjectMapper().readTree(json.toFile());
    }

    /** A fixture under newstudy/: a protocol folder's protocol.yaml, else the file or folder itself. */
    private static Path fixture(String name)
    {
        try {
            Path path = Path.of(NewStudyEndToEndTest.class.getResource("/newstudy/" + name).toURI());
            return Files.exists(path.resolve("protocol.yaml")) ? path.resolve("protocol.yaml") : path;
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
