package org.casebook.report.table;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecords;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.Measurement;
import org.casebook.casedata.SourceRef;
import org.casebook.protocol.ProtocolReader;
import org.casebook.protocol.StudyProtocol;
import org.casebook.report.StudyData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tables 1 and 3 of a study other than the seed, laid out by its protocol's {@code report.table1} and {@code report.table3}. */
class ProtocolTable1Test
{
    private static final String PROTOCOL = """
            id: layout
            title: Table 1 from the protocol
            study_window: {start: 2024-01-01, end: 2024-12-31}
            day0: {event: start, field: start_date}
            case_fields:
              - {name: start_date, label: Start, kind: date, required: true}
              - {name: age, label: Age, kind: number, unit: years}
              - {name: stage, label: Stage, kind: category, levels: [I, II, III]}
              - {name: smoker, label: Smoker, kind: yes_no}
              - {name: notes, label: Notes, kind: text}
            timepoints:
              - {name: baseline, label: At Baseline, window_days: {from: -7, to: 0}}
              - {name: month1, label: Month 1, window_days: {from: 21, to: 35}}
            variables:
              - {name: crp, label: CRP, unit: mg/L, range: {min: 0, max: 500}}
              - {name: alt, label: ALT, unit: U/L, range: {min: 0, max: 5000}}
            ct_score: {system: ichikado}
            outcomes:
              followup_day: 30
              list: [{name: smokers, kind: proportion, field: smoker}]
            """;

    private static final LocalDate DAY0 = LocalDate.of(2024, 4, 1);

    private static StudyProtocol protocol(String layout)
    {
        return new ProtocolReader("layout.yaml", path -> {
            throw new IllegalStateException("no code sets");
        }).read(PROTOCOL + layout);
    }

    private static ReportTable table(StudyProtocol protocol)
    {
        return BaselineTable.build(data(protocol));
    }

    private static StudyData data(StudyProtocol protocol)
    {
        List<CaseRecord> cases = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        Object[][] rows = {{"A", 60L, "I", true, 12.0}, {"B", 70L, "III", false, 30.0}, {"C", null, "I", null, null}};
        for (Object[] row : rows) {
            Map<String, Object> values = new HashMap<>();
            values.put("start_date", DAY0);
            if (row[1] != null) {
                values.put("age", new java.math.BigDecimal(row[1].toString()));
            }
            values.put("stage", row[2]);
            if (row[3] != null) {
                values.put("smoker", row[3]);
            }
            cases.add(CaseRecords.of((String) row[0], protocol.caseSchema(), values, new SourceRef("test")));
            if (row[4] != null) {
                measurements.add(new Measurement((String) row[0], "baseline", "crp", (Double) row[4], "", null, new SourceRef("test")));
                measurements.add(new Measurement((String) row[0], "month1", "crp", (Double) row[4] / 2, "", null, new SourceRef("test")));
                measurements.add(new Measurement((String) row[0], "baseline", "alt", 40.0, "", null, new SourceRef("test")));
            }
        }
        return StudyData.analyze(protocol, new CaseWorkbook(cases, measurements, List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void withoutALayoutEveryFieldIsSummarizedCompactlyInTheProtocolsOrder()
    {
        ReportTable table = table(protocol(""));
        assertThat(table.rows()).extracting(row -> row.get(0)).containsExactly(
                "Age, years", "Age, years", "Age, years", "Stage", "Stage", "Stage", "Stage", "Smoker", "Smoker");
        assertThat(table.findCell("N = 3", "Age, years", "Median [Q1–Q3]")).contains("65.0 [60.0–70.0]");
        assertThat(table.findCell("N = 3", "Smoker", "no")).isEmpty();
    }

    @Test
    void theLayoutsRowsOrderLevelWordsAndVariablesAreUsed()
    {
        ReportTable table = table(protocol("""
                report:
                  table1:
                    rows:
                      - smoker
                      - {field: stage, levels: {I: stage I, III: stage III}}
                      - {variable: crp, timepoint: baseline}
                """));
        assertThat(table.rows()).extracting(row -> row.get(0)).containsExactly(
                "Smoker", "Smoker", "Stage", "Stage", "Stage", "Stage", "CRP (mg/L), at baseline", "CRP (mg/L), at baseline", "CRP (mg/L), at baseline");
        assertThat(table.rows()).extracting(row -> row.get(1)).containsSubsequence("stage I", "II", "stage III", "Missing");
        assertThat(table.findCell("N = 3", "CRP (mg/L), at baseline", "n")).contains("2");
        assertThat(table.findCell("N = 3", "CRP (mg/L), at baseline", "Missing")).contains("1");
    }

    @Test
    void theFullStyleGivesMeansRangesAndBothAnswers()
    {
        ReportTable table = table(protocol("""
                report:
                  table1:
                    style: full
                    rows: [age, smoker, {variable: crp, timepoint: baseline}]
                """));
        assertThat(table.rows()).containsSubsequence(
                List.of("Age, years", "Mean ± SD", "65.0 ± 7.1"),
                List.of("Age, years", "Median [min–max]", "65.0 [60.0–70.0]"),
                List.of("Age, years", "Missing", "1"),
                List.of("Smoker", "yes", "1/2 (50%; 95% CI 1–99)"),
                List.of("Smoker", "no", "1/2 (50%; 95% CI 1–99)"),
                List.of("Smoker", "Missing", "1"),
                List.of("CRP (mg/L), at baseline", "Mean ± SD", "21.0 ± 12.7"));
        assertThat(table.notes().get(0)).startsWith("Continuous: mean ± SD");
    }

    @Test
    void table3ShowsTheLayoutsVariablesAndNamesComparisonsAsAsked()
    {
        StudyData plain = data(protocol(""));
        assertThat(TimepointTable.variables(plain)).containsExactly("crp", "alt");
        assertThat(TimepointTable.buildPairwise(plain).rows()).extracting(row -> row.get(1)).contains("At Baseline → Month 1");
        StudyData laidOut = data(protocol("""
                report:
                  table3: {variables: [crp], comparisons: names}
                """));
        assertThat(TimepointTable.variables(laidOut)).containsExactly("crp");
        assertThat(TimepointTable.buildPairwise(laidOut).rows()).extracting(row -> row.get(1)).contains("baseline → month1").doesNotContain("At Baseline → Month 1");
    }
}
