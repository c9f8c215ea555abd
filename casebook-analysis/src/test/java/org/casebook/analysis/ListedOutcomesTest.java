package org.casebook.analysis;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecords;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.Measurement;
import org.casebook.casedata.SourceRef;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outcomes of a protocol's {@code outcomes.list} at their boundaries, decided in decimal, and
 * the results of a protocol without the seed's outcomes (no seed-only keys, agents per field).
 */
class ListedOutcomesTest
{
    private static final String PROTOCOL = """
            id: listed
            title: Listed outcomes
            study_window: {start: 2024-01-01, end: 2024-12-31}
            day0: {event: first_dose, field: start_date}
            code_sets:
              drugs: drugs.yaml
            case_fields:
              - {name: start_date, label: First dose, kind: date, required: true}
              - {name: drug, label: Drug, kind: agent, code_set: drugs}
              - {name: second_drug, label: Second drug, kind: agent, code_set: drugs}
              - {name: responded, label: Responded, kind: yes_no}
              - {name: score, label: Score, kind: number}
              - {name: death_date, label: Died, kind: date}
              - {name: last_followup_date, label: Last seen, kind: date}
            timepoints:
              - {name: t0, label: Start, window_days: {from: -7, to: 0}}
              - {name: t1, label: Week 4, window_days: {from: 21, to: 35}}
            variables:
              - {name: level, label: Level, unit: mg/L, range: {min: -100, max: 100}}
            ct_score: {system: ichikado}
            outcomes:
              followup_day: 30
              list:
                - {name: rose_03, kind: change, variable: level, from: t0, to: t1, direction: increased, by_at_least: 0.3}
                - {name: rose_10pct, kind: change, variable: level, from: t0, to: t1, direction: increased, by_at_least_percent: 10}
                - {name: fell, kind: change, variable: level, from: t0, to: t1, direction: decreased}
                - {name: ct_fell_10pct, kind: change, variable: ct_total, from: t0, to: t1, direction: decreased, by_at_least_percent: 10}
                - {name: alive_day30, label: Alive a month after the first dose, kind: status_at_day, day: 30}
                - {name: responders, kind: proportion, field: responded}
                - {name: high_score, kind: at_least, field: score, threshold: 2.5}
            """;

    private static final String DRUGS = """
            id: drugs
            kind: drug
            entries:
              - {text: alpha, agent: alpha}
              - {text: beta, agent: beta}
              - {text: gamma, agent: gamma}
            """;

    private static final LocalDate DAY0 = LocalDate.of(2024, 3, 1);

    private static StudyProtocol protocol;

    private final List<CaseRecord> cases = new ArrayList<>();
    private final List<Measurement> measurements = new ArrayList<>();

    @BeforeAll
    static void writeProtocol(@TempDir Path directory)
            throws IOException
    {
        Files.writeString(directory.resolve("protocol.yaml"), PROTOCOL);
        Files.writeString(directory.resolve("drugs.yaml"), DRUGS);
        protocol = Protocols.fromFile(directory.resolve("protocol.yaml"));
    }

    private void patient(String id, Map<String, Object> fields)
    {
        Map<String, Object> values = new HashMap<>(fields);
        values.put("start_date", DAY0);
        cases.add(CaseRecords.of(id, protocol.caseSchema(), values, new SourceRef("test")));
    }

    private void level(String id, double t0, double t1)
    {
        patient(id, Map.of());
        measurements.add(new Measurement(id, "t0", "level", t0, "mg/L", null, new SourceRef("test")));
        measurements.add(new Measurement(id, "t1", "level", t1, "mg/L", null, new SourceRef("test")));
    }

    private final List<IchikadoRead> reads = new ArrayList<>();

    /** A patient whose one Ichikado read at t0 and at t1 has these six-zone sums (sixths: 1000 is 166.666…). */
    private void ctTotals(String id, int t0Sum, int t1Sum)
    {
        patient(id, Map.of());
        reads.add(new IchikadoRead(new ScanRef(id, "t0"), "R1", zonesSumming(t0Sum)));
        reads.add(new IchikadoRead(new ScanRef(id, "t1"), "R1", zonesSumming(t1Sum)));
    }

    /** Six zones of normal lung and ground glass whose scores add up to {@code sum} (600–1200). */
    private static List<ZoneExtent> zonesSumming(int sum)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        if (sum < 600 || sum > 1200) {
            throw new IllegalArgumentException("six zones of normal lung and ground glass add up to 600–1200, not " + sum);
        }
        int ggo = sum - 600;
        for (LungZone zone : LungZone.values()) {
            int here = Math.min(100, ggo);
            ggo -= here;
            zones.add(ZoneExtent.of(zone, 100 - here, here, 0, 0, 0, 0));
        }
        return zones;
    }

    private SeriesResults results()
    {
        return new CaseSeriesAnalysis(protocol).analyze(new CaseWorkbook(cases, measurements, List.of(), reads, List.of(), List.of()));
    }

    private String count(String name)
    {
        OutcomeCount count = results().findOutcome(name).orElseThrow();
        return count.count() + "/" + count.denominator();
    }

    @Test
    void aChangeByAtLeastUnitsIsDecidedInDecimal()
    {
        level("exact", 1.1, 1.4);   // 0.3 in decimal; 1.4 − 1.1 is 0.2999999999999998 in binary
        level("short", 1.1, 1.39);
        level("fell", 1.4, 1.1);
        patient("no-values", Map.of());
        assertThat(count("rose_03")).isEqualTo("1/3");
        assertThat(count("fell")).isEqualTo("1/3");
    }

    @Test
    void aPercentChangeIsRelativeToAPositiveFromValueAndCountsOnlyAboveZero()
    {
        level("tie", 50, 55);       // exactly 10%
        level("below", 50, 54.99);
        level("from-zero", 0, 5);   // no relative change from 0: not met, still decided
        level("negative", -10, -8);
        assertThat(count("rose_10pct")).isEqualTo("1/4");
    }

    @Test
    void aPercentChangeOfACtScoreIsDecidedOnItsExactSixths()
    {
        // 1000/6 → 900/6 is a fall of exactly 10%; as decimals of the doubles (166.66666666666666 → 150)
        // it was 9.99999999999999…% and the patient was not counted
        ctTotals("exactly-10pct", 1000, 900);
        ctTotals("just-under", 1000, 901);
        ctTotals("more", 1000, 700);
        assertThat(count("ct_fell_10pct")).isEqualTo("2/3");
        assertThat(results().patients().get(0).outcomes()).containsEntry("ct_fell_10pct", true);
        assertThat(results().patients().get(1).outcomes()).containsEntry("ct_fell_10pct", false);
    }

    @Test
    void anUnchangedValueNeitherRoseNorFell()
    {
        level("same", 3, 3);
        assertThat(count("fell")).isEqualTo("0/1");
        assertThat(count("rose_10pct")).isEqualTo("0/1");
    }

    @Test
    void statusAtDayCountsDeathOnTheDayAndLeavesCensoredOut()
    {
        patient("died-on-day", Map.of("death_date", DAY0.plusDays(30)));
        patient("died-after", Map.of("death_date", DAY0.plusDays(31)));
        patient("seen-on-day", Map.of("last_followup_date", DAY0.plusDays(30)));
        patient("seen-before", Map.of("last_followup_date", DAY0.plusDays(29)));
        patient("nothing", Map.of());
        assertThat(count("alive_day30")).isEqualTo("2/3");
        SeriesResults results = results();
        assertThat(results.outcomes()).extracting(OutcomeCount::name)
                .as("the protocol's alive_day30 takes the place of the vital status count of the same name")
                .containsExactly("died_by_day30", "censored_before_day30", "rose_03", "rose_10pct", "fell", "ct_fell_10pct", "alive_day30", "responders",
                        "high_score");
        assertThat(results.findOutcome("alive_day30").orElseThrow().label()).isEqualTo("Alive a month after the first dose");
        assertThat(count("died_by_day30")).isEqualTo("1/3");
        assertThat(count("censored_before_day30")).isEqualTo("2/5");
    }

    @Test
    void proportionAndAtLeastCountRecordedValuesOnly()
    {
        patient("yes", Map.of("responded", true, "score", new BigDecimal("2.50")));
        patient("no", Map.of("responded", false, "score", new BigDecimal("2.49")));
        patient("blank", Map.of());
        assertThat(count("responders")).isEqualTo("1/2");
        assertThat(count("high_score")).isEqualTo("1/2");
    }

    @Test
    void resultsCarryAgentsPerFieldAndNoSeedOnlyParts()
    {
        patient("a", Map.of("drug", "beta", "second_drug", "alpha"));
        patient("b", Map.of("drug", "beta"));
        patient("c", Map.of("drug", "alpha"));
        SeriesResults results = results();
        assertThat(results.agentsField()).isEmpty();
        assertThat(results.agents()).isEmpty();
        assertThat(results.daysToDayZero()).isEmpty();
        assertThat(results.agentsByField()).isEqualTo(Map.of("drug", Map.of("alpha", 1, "beta", 2), "second_drug", Map.of("alpha", 1)));
        assertThat(results.agentsByField().get("drug").keySet()).containsExactly("alpha", "beta");
        ObjectNode json = ResultsJson.toTree(results);
        assertThat(json.has("agents")).isFalse();
        assertThat(json.has("days_stop_to_onset")).isFalse();
        assertThat(json.get("patients").get(0).has("days_stop_to_onset")).isFalse();
        assertThat(json.at("/agents_by_field/drug").toString()).isEqualTo("{\"alpha\":1,\"beta\":2}");
        // listed without a label or description: labelled by its rule in words, never by its name
        assertThat(json.at("/labels/rose_03").asText()).isEqualTo("Level, Start → Week 4: increased by ≥ 0.3 mg/L");
        assertThat(json.at("/definitions/rose_10pct").asText()).isEqualTo("Level, Start → Week 4: increased by ≥ 10% of the Start value");
        assertThat(json.at("/definitions/rose_03").asText()).isEqualTo("Level, Start → Week 4: increased by ≥ 0.3 mg/L");
    }
}
