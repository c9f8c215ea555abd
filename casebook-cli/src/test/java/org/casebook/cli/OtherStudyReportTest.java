package org.casebook.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code casebook analyze} and {@code casebook report} on a study that is not the seed: a small
 * drug cohort written only as a protocol file (day 0 the first prescription, an agent field with
 * its code set, a category, yes/no, integer and number fields, three time points, outcomes of
 * every kind). The report speaks the protocol's labels and none of the seed's terms, and every
 * count is checked against values worked out by hand below (ties at each threshold, zero changes,
 * a comparison with two patients, missing values, a field nobody recorded).
 *
 * <pre>
 * patient day 0       age  sex drug           insulin adm death       last visit  HbA1c b/m6/m12  weight b/m12
 * D1      2023-02-01  54.5 F   empagliflozin  yes     0   –           2024-03-01  8.2/7.2/7.0     80/76
 * D2      2023-03-15  61   M   dapagliflozin  no      2   2023-08-01  –           7.5/7.5/–       90/–
 * D3      2023-05-10  –    F   empagliflozin  –       –   –           2023-09-01  9.0/–/–         70/–
 * D4      2023-06-01  45   M   dapagliflozin  yes     1   –           2023-11-28  7.0/6.1/7.0     100/96
 * D5      2023-07-01  58   F   empagliflozin  no      0   2024-01-10  –           6.8/7.0/–       60/–
 * D6      2023-08-01  66.5 M   empagliflozin  no      3   –           –           –               85/86
 *
 * HbA1c fell, baseline → month 6: D1 (−1.0), D4 (−0.9) of D1, D2 (tie 0), D4, D5 (+0.2)      2/4
 * … by at least 1 point: D1 only (exactly 1.0 in decimal; 8.2 − 7.2 is 0.99999… in binary)   1/4
 * HbA1c fell, baseline → month 12: D1 yes, D4 no (no change); two patients                  1/2
 * weight fell ≥ 5%: D1 80 → 76 (exactly 5%) yes, D4 100 → 96 (4%) no, D6 gain no            1/3
 * weight gain: D6                                                                           1/3
 * alive at day 180: D1 alive, D2 died day 139, D3 censored (seen to day 114), D4 seen on
 *   day 180 exactly (alive), D5 died day 193 (alive on day 180), D6 no dates (censored)      3/4
 * alive at day 365 (follow-up day): D1 alive; D2, D5 died; D3, D4, D6 censored               1/3, died 2/3, censored 3/6
 * insulin at start: D1, D4 of 5 recorded                                                    2/5
 * admissions ≥ 1: D2, D4 (exactly 1), D6 of 5 recorded                                      3/5
 * admissions ≥ 10                                                                           0/5
 * statin (nobody recorded it)                                                               0/0
 * Table 1, R: quantile(c(54.5, 61, 45, 58, 66.5), type = 2) → 54.5, 58, 61;
 *             quantile(c(0, 2, 1, 0, 3), type = 2) → 0, 1, 2
 * </pre>
 */
class OtherStudyReportTest
{
    private static final String PROTOCOL = """
            # A drug cohort written only as a protocol file (test).
            id: sglt2-start
            title: Starting an SGLT2 inhibitor in type 2 diabetes
            design: retrospective cohort of consecutive patients
            study_window: {start: 2023-01-01, end: 2023-12-31}
            day0:
              event: first_prescription
              description: the date of the first prescription
              field: index_date
            code_sets:
              sglt2: codesets/sglt2.yaml
            case_fields:
              - {name: index_date, label: Date of first prescription, kind: date, required: true}
              - {name: age, label: Age, kind: number, unit: years, range: {min: 18, max: 110}}
              - {name: sex, label: Sex, kind: category, levels: [F, M]}
              - {name: drug, label: SGLT2 inhibitor, kind: agent, code_set: sglt2}
              - {name: insulin, label: Insulin at start, kind: yes_no}
              - {name: statin, label: Statin at start, kind: yes_no}
              - {name: admissions, label: Hospital admissions in the first year, kind: integer, range: {min: 0}}
              - {name: notes, label: Notes, kind: text}
              - {name: death_date, label: Date of death, kind: date, not_before: index_date}
              - {name: last_followup_date, label: Last visit, kind: date, not_before: index_date}
            timepoints:
              - {name: baseline, label: Baseline, window_days: {from: -90, to: 0}}
              - {name: month6, label: Month 6, window_days: {from: 150, to: 210}}
              - {name: month12, label: Month 12, window_days: {from: 330, to: 400}}
            variables:
              - {name: hba1c, label: HbA1c, unit: "%", range: {min: 3, max: 20}}
              - {name: weight, label: Body weight, unit: kg, range: {min: 20, max: 300}}
            ct_score: {system: ichikado}
            outcomes:
              followup_day: 365
              list:
                - {name: hba1c_fell, label: HbA1c fell by month 6, kind: change, variable: hba1c, from: baseline, to: month6, direction: decreased}
                - {name: hba1c_fell_1pt, label: HbA1c fell by 1 point or more, kind: change, variable: hba1c, from: baseline, to: month6, direction: decreased, by_at_least: 1}
                - {name: hba1c_fell_12m, label: HbA1c fell by month 12, kind: change, variable: hba1c, from: baseline, to: month12, direction: decreased}
                - {name: weight_fell_5pct, label: Weight loss of 5% or more, kind: change, variable: weight, from: baseline, to: month12, direction: decreased, by_at_least_percent: 5}
                - {name: weight_gain, label: Weight gain, kind: change, variable: weight, from: baseline, to: month12, direction: increased}
                - {name: alive_day180, label: Alive at six months, kind: status_at_day, day: 180}
                - {name: on_insulin, label: On insulin at start, kind: proportion, field: insulin}
                - {name: on_statin, label: On a statin at start, kind: proportion, field: statin}
                - {name: admitted, label: Admitted at least once, kind: at_least, field: admissions, threshold: 1}
                - {name: admitted_often, label: Admitted ten times or more, kind: at_least, field: admissions, threshold: 10}
            """;

    private static final String CODE_SET = """
            id: sglt2
            description: SGLT2 inhibitors, by ingredient
            kind: drug
            entries:
              - {system: http://www.whocc.no/atc, code: "A10BK01", agent: dapagliflozin}
              - {system: http://www.whocc.no/atc, code: "A10BK02", agent: canagliflozin}
              - {system: http://www.whocc.no/atc, code: "A10BK03", agent: empagliflozin}
              - {system: http://www.whocc.no/atc, code: "A10BK04", agent: ertugliflozin}
            """;

    private static final String CASES = """
            patient_id,index_date,age,sex,drug,insulin,statin,admissions,notes,death_date,last_followup_date
            D1,2023-02-01,54.5,F,Empagliflozin,yes,,0,started in the diabetes clinic,,2024-03-01
            D2,2023-03-15,61,M,dapagliflozin,no,,2,,2023-08-01,
            D3,2023-05-10,,F,empagliflozin,,,,,,2023-09-01
            D4,2023-06-01,45,M,dapagliflozin,yes,,1,,,2023-11-28
            D5,2023-07-01,58,F,empagliflozin,no,,0,,2024-01-10,
            D6,2023-08-01,66.5,M,empagliflozin,no,,3,,,
            """;

    private static final String MEASUREMENTS = """
            patient_id,timepoint,variable,value,unit,date
            D1,baseline,hba1c,8.2,%,
            D1,month6,hba1c,7.2,%,
            D1,month12,hba1c,7.0,%,
            D1,baseline,weight,80,kg,
            D1,month12,weight,76,kg,
            D2,baseline,hba1c,7.5,%,
            D2,month6,hba1c,7.5,%,
            D2,baseline,weight,90,kg,
            D3,baseline,hba1c,9.0,%,
            D3,baseline,weight,70,kg,
            D4,baseline,hba1c,7.0,%,
            D4,month6,hba1c,6.1,%,
            D4,month12,hba1c,7.0,%,
            D4,baseline,weight,100,kg,
            D4,month12,weight,96,kg,
            D5,baseline,hba1c,6.8,%,
            D5,month6,hba1c,7.0,%,
            D5,baseline,weight,60,kg,
            D6,baseline,weight,85,kg,
            D6,month12,weight,86,kg,
            """;

    private static final String CT_READS = "patient_id,timepoint,reader,zone,normal,ggo,consolidation,ggo_traction,consolidation_traction,honeycombing\n";

    /** Words of the seed study that a report of another study must not print. */
    private static final List<String> SEED_WORDS = List.of("jak", "jaki", "p/f", "pao2", "fio2", "fvc", "dlco", "kl-6", "exacerbation", "pulse",
            "home oxygen", "home_oxygen", "methylprednisolone", "mpsl", "prednisolone", "hrct", "days_stop_to_onset", "pf_", "rheumatoid",
            "antifibrotic", "acpa", "ild pattern", "onset");

    @TempDir
    static Path directory;

    private static CliRun analyze;
    private static CliRun report;
    private static JsonNode results;
    private static Path out;

    @BeforeAll
    static void analyzeAndReport()
            throws IOException
    {
        Path protocol = directory.resolve("study").resolve("protocol.yaml");
        Files.createDirectories(protocol.resolveSibling("codesets"));
        Files.writeString(protocol, PROTOCOL);
        Files.writeString(protocol.resolveSibling("codesets").resolve("sglt2.yaml"), CODE_SET);
        Path cases = Files.createDirectories(directory.resolve("cases"));
        Files.writeString(cases.resolve("cases.csv"), CASES);
        Files.writeString(cases.resolve("measurements.csv"), MEASUREMENTS);
        Files.writeString(cases.resolve("ct_reads.csv"), CT_READS);
        Path json = directory.resolve("results.json");
        out = directory.resolve("report");
        analyze = CliRun.of("analyze", "--protocol", protocol.toString(), "--cases", cases.toString(), "--json", json.toString());
        report = CliRun.of("report", "--protocol", protocol.toString(), "--cases", cases.toString(), "--out", out.toString());
        results = analyze.exitCode() == 0 ? new ObjectMapper().readTree(json.toFile()) : null;
    }

    private static String count(String name)
    {
        return results.at("/counts/" + name).asInt() + "/" + results.at("/denominators/" + name).asInt();
    }

    private static List<List<String>> table(String id)
            throws IOException
    {
        try (Reader reader = Files.newBufferedReader(out.resolve("tables").resolve(id + ".csv"), StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
            return rows;
        }
    }

    /**
     * A protocol without report.treatment or report.timeline: the treatment table is its agent (no dose, date or reason is
     * taken from its record), and the timing table its follow-up and day of death.
     */
    @Test
    void withoutReportTreatmentTheAgentMakesTheTreatmentTableAndTheFollowUpTheTimingTable()
            throws IOException
    {
        assertThat(table("table5_treatment")).containsExactly(List.of("Patient", "SGLT2 inhibitor"), List.of("P01", "empagliflozin"),
                List.of("P02", "dapagliflozin"), List.of("P03", "empagliflozin"), List.of("P04", "dapagliflozin"), List.of("P05", "empagliflozin"),
                List.of("P06", "empagliflozin"));
        // days from the first prescription to death or the last visit: D1 2023-02-01 → 2024-03-01 (a leap February) 394, D2 died 2023-08-01
        // (139), D3 114, D4 180, D5 died 2024-01-10 (193), D6 with neither: not recorded; alive at the last visit: no day of death applies
        assertThat(table("table5b_timing")).containsExactly(List.of("Patient", "Follow-up (days)", "Died (day)"), List.of("P01", "394", "n/a"),
                List.of("P02", "139", "139"), List.of("P03", "114", "n/a"), List.of("P04", "180", "n/a"), List.of("P05", "193", "193"),
                List.of("P06", "–", "–"));
    }

    @Test
    void bothCommandsSucceed()
    {
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(analyze.out()).contains("Starting an SGLT2 inhibitor in type 2 diabetes", "n = 6 patients")
                .containsPattern("hba1c_fell_1pt\\s+1/4 \\(95% CI 1–81%\\)\\s+HbA1c, Baseline → Month 6: decreased by ≥ 1 %")
                .containsPattern("agents drug\\s+dapagliflozin 2, empagliflozin 4");
    }

    @Test
    void outcomeCountsAreTheHandComputedOnes()
    {
        assertThat(results.get("counts").fieldNames()).toIterable().containsExactly(
                "alive_day365", "died_by_day365", "censored_before_day365", "hba1c_fell", "hba1c_fell_1pt", "hba1c_fell_12m", "weight_fell_5pct",
                "weight_gain", "alive_day180", "on_insulin", "on_statin", "admitted", "admitted_often");
        assertThat(count("alive_day365")).isEqualTo("1/3");
        assertThat(count("died_by_day365")).isEqualTo("2/3");
        assertThat(count("censored_before_day365")).isEqualTo("3/6");
        assertThat(count("hba1c_fell")).isEqualTo("2/4");
        assertThat(count("hba1c_fell_1pt")).isEqualTo("1/4");
        assertThat(count("hba1c_fell_12m")).isEqualTo("1/2");
        assertThat(count("weight_fell_5pct")).isEqualTo("1/3");
        assertThat(count("weight_gain")).isEqualTo("1/3");
        assertThat(count("alive_day180")).isEqualTo("3/4");
        assertThat(count("on_insulin")).isEqualTo("2/5");
        assertThat(count("on_statin")).isEqualTo("0/0");
        assertThat(count("admitted")).isEqualTo("3/5");
        assertThat(count("admitted_often")).isEqualTo("0/5");
    }

    @Test
    void resultsJsonCarriesLabelsAndAgentsByFieldAndNoSeedKeys()
    {
        assertThat(results.at("/labels/hba1c_fell_1pt").asText()).isEqualTo("HbA1c fell by 1 point or more");
        assertThat(results.at("/labels/alive_day365").asText()).isEqualTo("Alive at day 365");
        assertThat(results.at("/definitions/weight_fell_5pct").asText()).isEqualTo("Body weight, Baseline → Month 12: decreased by ≥ 5% of the Baseline value");
        assertThat(results.at("/definitions/admitted").asText()).isEqualTo("Hospital admissions in the first year ≥ 1");
        assertThat(results.at("/agents_by_field/drug").toString()).isEqualTo("{\"dapagliflozin\":2,\"empagliflozin\":4}");
        assertThat(results.has("agents")).isFalse();
        assertThat(results.has("days_stop_to_onset")).isFalse();
        assertThat(results.at("/patients/0").has("days_stop_to_onset")).isFalse();
        assertThat(results.at("/patients/0/outcomes").toString())
                .isEqualTo("{\"alive_day365\":true,\"died_by_day365\":false,\"censored_before_day365\":false,\"hba1c_fell\":true,\"hba1c_fell_1pt\":true,"
                        + "\"hba1c_fell_12m\":true,\"weight_fell_5pct\":true,\"weight_gain\":false,\"alive_day180\":true,\"on_insulin\":true,\"admitted\":false,"
                        + "\"admitted_often\":false}");
        assertThat(results.at("/patients/3/vital_status").asText()).isEqualTo("censored");
        assertThat(results.at("/timepoints/month12/hba1c/n").asInt()).isEqualTo(2);
    }

    @Test
    void tableOneSummarizesTheCaseFieldsByKind()
            throws IOException
    {
        assertThat(table("table1_baseline")).containsExactly(
                List.of("Characteristic", "Statistic", "N = 6"),
                List.of("Age, years", "Median [Q1–Q3]", "58.0 [54.5–61.0]"),
                List.of("Age, years", "n", "5"),
                List.of("Age, years", "Missing", "1"),
                List.of("Sex", "F", "3/6 (50%; 95% CI 12–88)"),
                List.of("Sex", "M", "3/6 (50%; 95% CI 12–88)"),
                List.of("Sex", "Missing", "0"),
                List.of("SGLT2 inhibitor", "dapagliflozin", "2/6 (33%; 95% CI 4–78)"),
                List.of("SGLT2 inhibitor", "empagliflozin", "4/6 (67%; 95% CI 22–96)"),
                List.of("SGLT2 inhibitor", "Missing", "0"),
                List.of("Insulin at start", "yes", "2/5 (40%; 95% CI 5–85)"),
                List.of("Insulin at start", "Missing", "1"),
                List.of("Hospital admissions in the first year", "Median [Q1–Q3]", "1.0 [0.0–2.0]"),
                List.of("Hospital admissions in the first year", "n", "5"),
                List.of("Hospital admissions in the first year", "Missing", "1"));
    }

    @Test
    void patientTableHasTheFieldsLabelsAndNoRawCodesOrFreeText()
            throws IOException
    {
        List<List<String>> rows = table("table2_patients");
        // "Statin at start" is recorded for nobody: left out of the table, and its note says so (issue 11: no column empty for everyone)
        assertThat(rows.get(0)).containsExactly("Patient", "Age (years)", "Sex", "SGLT2 inhibitor", "Insulin at start",
                "Hospital admissions in the first year", "Date of death (day)", "Last visit (day)", "HbA1c (%), Baseline → Month 6",
                "HbA1c (%), Baseline → Month 12", "Body weight (kg), Baseline → Month 12", "Day-365 status", "Adverse events");
        // patients by case number (in the order of day 0), never by the hospital's id
        assertThat(rows.get(1)).containsExactly("P01", "54.5", "F", "empagliflozin", "yes", "0", "–", "394", "8.2 → 7.2", "8.2 → 7", "80 → 76", "alive",
                "not collected"); // the workbook has no adverse_events sheet: not collected, never "none recorded"
        assertThat(rows.get(2)).containsExactly("P02", "61", "M", "dapagliflozin", "no", "2", "139", "–", "7.5 → 7.5", "7.5 → –", "90 → –", "died",
                "not collected");
        assertThat(Files.readString(out.resolve("report.html"))).contains("Not recorded for any patient, so not shown: Statin at start.");
    }

    @Test
    void outcomeTableStatesEachCountWithItsDenominator()
            throws IOException
    {
        List<List<String>> rows = table("table4_outcomes");
        assertThat(rows.get(0)).containsExactly("Outcome", "Definition", "n/N (%)", "95% CI");
        // Clopper–Pearson, R 4.2: binom.test(1, 3)$conf.int 0.0084–0.9057; binom.test(1, 4) 0.0063–0.8059; binom.test(3, 4) 0.1941–0.9937; binom.test(0, 5) 0–0.5218
        assertThat(rows).contains(
                List.of("Alive at day 365", "alive at day 365 (no death by then, followed up to it)", "1/3 (33%)", "1–91%"),
                List.of("HbA1c fell by 1 point or more", "HbA1c, Baseline → Month 6: decreased by ≥ 1 %", "1/4 (25%)", "1–81%"),
                List.of("Alive at six months", "alive at day 180 (no death by then, followed up to it)", "3/4 (75%)", "19–99%"),
                List.of("On a statin at start", "Statin at start: yes", "0/0 (no patient with the data)", "–"),
                List.of("Admitted ten times or more", "Hospital admissions in the first year ≥ 10", "0/5 (0%)", "0–52%"));
    }

    @Test
    void timepointTableHasTheProtocolsVariablesWithLabelsAndUnits()
            throws IOException
    {
        List<List<String>> rows = table("table3_timepoints");
        assertThat(rows.get(0)).containsExactly("Variable", "Statistic", "Baseline", "Month 6", "Month 12", "Friedman test (exploratory)");
        assertThat(rows.stream().map(row -> row.get(0)).distinct().toList()).containsExactly("Variable", "HbA1c (%)", "Body weight (kg)");
        assertThat(rows).contains(List.of("HbA1c (%)", "n", "5", "4", "2", ""));
        assertThat(table("table3b_pairwise_tests")).extracting(row -> row.get(0) + ": " + row.get(1) + ", " + row.get(2)).containsExactly(
                "Variable: Comparison, Pairs",
                "HbA1c (%): Baseline → Month 6, 4",
                "HbA1c (%): Baseline → Month 12, 2",
                "HbA1c (%): Month 6 → Month 12, 2",
                "Body weight (kg): Baseline → Month 12, 3");
    }

    @Test
    void textAndFiguresSpeakTheProtocolsWordsAndNoSeedTerm()
            throws IOException
    {
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Day 0 was the date of first prescription.", "Time points: baseline, days -90 to 0; month 6, days 150 to 210",
                "SGLT2 inhibitor: dapagliflozin in 2, empagliflozin in 4 patients", "HbA1c fell by 1 point or more: 1/4 (95% CI 1–81%)", "1/3 (95% CI 1–91%) were alive at day 365",
                "Kaplan–Meier survival from day 0 (date of first prescription)", "figure1_hba1c", "figure2_weight", "figure3_swimmer", "figure4_survival",
                "course on the day-0 axis (day 0 = date of first prescription)", "Date of death", "Last visit")
                .doesNotContain("started in the diabetes clinic", "On a statin at start: 0/0");
        List<String> texts = new ArrayList<>(List.of(html, analyze.out(), Files.readString(directory.resolve("results.json"))));
        try (Stream<Path> files = Files.list(out.resolve("tables"))) {
            for (Path file : files.sorted().toList()) {
                texts.add(Files.readString(file));
            }
        }
        for (String text : texts) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (String word : SEED_WORDS) {
                assertThat(lower).as("seed term '%s'", word).doesNotContain(word);
            }
            assertThat(text).doesNotContain("ILD", " RA ");
        }
        assertThat(out.resolve("report.pdf")).isRegularFile();
        assertThat(out.resolve("tables.xlsx")).isRegularFile();
    }
}
