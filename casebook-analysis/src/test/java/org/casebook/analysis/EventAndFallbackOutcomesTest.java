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
import org.casebook.casedata.SourceRef;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outcome kinds and keys the seed's outcomes needed, on a protocol that is not the seed's:
 * {@code status_at_day} with a status, {@code proportion} with {@code or_at_least},
 * {@code event_by_day} with {@code no_when} and {@code days_summary}, a protocol's
 * {@code description}, {@code outcomes.agents} and {@code outcomes.labels: false}.
 */
class EventAndFallbackOutcomesTest
{
    private static final String PROTOCOL = """
            id: events
            title: Events and fallbacks
            study_window: {start: 2024-01-01, end: 2024-12-31}
            day0: {event: surgery, field: surgery_date}
            code_sets:
              drugs: drugs.yaml
            case_fields:
              - {name: surgery_date, label: Surgery, kind: date, required: true}
              - {name: drug, label: Drug, kind: agent, code_set: drugs}
              - {name: earlier_drug, label: Earlier drug, kind: agent, code_set: drugs, also: [none]}
              - {name: stop_reason, label: Why stopped, kind: text}
              - {name: stop_date, label: Stopped, kind: date}
              - {name: transfused, label: Transfused, kind: yes_no}
              - {name: units_given, label: Units given, kind: integer, unit: units}
              - {name: death_date, label: Died, kind: date}
              - {name: last_followup_date, label: Last seen, kind: date}
            timepoints:
              - {name: pre, label: Before, window_days: {from: -7, to: 0}}
              - {name: post, label: After, window_days: {from: 1, to: 30}}
            variables:
              - {name: hb, label: Hb, unit: g/dL, range: {min: 1, max: 25}}
            ct_score: {system: ichikado}
            outcomes:
              followup_day: 30
              agents: drug
              labels: false
              list:
                - {name: transfusion, kind: proportion, field: transfused, or_at_least: {field: units_given, threshold: 2}}
                - {name: died_by_day30, kind: status_at_day, day: 30, status: died}
                - {name: stopped_for_bleeding, kind: event_by_day, field: stop_reason, equals: Bleeding, date: stop_date, day: -2,
                   no_when: {field: earlier_drug, equals: none}, days_summary: days_from_stop}
                - {name: hb_fell, kind: change, variable: hb, from: pre, to: post, direction: decreased, description: Hb lower after surgery}
            """;

    private static final String DRUGS = """
            id: drugs
            kind: drug
            entries:
              - {text: alpha, agent: Alpha}
              - {text: beta, agent: beta}
            """;

    private static final LocalDate DAY0 = LocalDate.of(2024, 5, 10);

    private static StudyProtocol protocol;

    private final List<CaseRecord> cases = new ArrayList<>();

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
        values.put("surgery_date", DAY0);
        cases.add(CaseRecords.of(id, protocol.caseSchema(), values, new SourceRef("test")));
    }

    private SeriesResults results()
    {
        return new CaseSeriesAnalysis(protocol).analyze(new CaseWorkbook(cases, List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    private String count(String name)
    {
        OutcomeCount count = results().findOutcome(name).orElseThrow();
        return count.count() + "/" + count.denominator();
    }

    @Test
    void aBlankAnswerIsDecidedByTheOtherFieldAtOrAboveItsThreshold()
    {
        patient("yes", Map.of("transfused", true));
        patient("no-despite-units", Map.of("transfused", false, "units_given", 4L));
        patient("blank-2", Map.of("units_given", 2L));
        patient("blank-1", Map.of("units_given", 1L));
        patient("nothing", Map.of());
        assertThat(count("transfusion")).isEqualTo("2/4");
        assertThat(results().findOutcome("transfusion").orElseThrow().description())
                .isEqualTo("Transfused: yes, or when blank Units given ≥ 2 units");
    }

    @Test
    void anEventCountsOnOrBeforeItsDayAndNoWhenIsDecidedAsNotMet()
    {
        patient("on-the-day", Map.of("stop_reason", " bleeding ", "stop_date", DAY0.minusDays(2)));
        patient("a-day-late", Map.of("stop_reason", "BLEEDING", "stop_date", DAY0.minusDays(1)));
        patient("no-date", Map.of("stop_reason", "bleeding"));
        patient("other-reason", Map.of("stop_reason", "rash", "stop_date", DAY0.minusDays(9)));
        patient("never-took-one", Map.of("earlier_drug", "none", "stop_reason", "bleeding", "stop_date", DAY0.minusDays(5)));
        patient("unknown", Map.of());
        assertThat(count("stopped_for_bleeding")).isEqualTo("1/4");
        assertThat(results().findOutcome("stopped_for_bleeding").orElseThrow().description())
                .isEqualTo("Why stopped: Bleeding, Stopped on or before day -2 (Earlier drug none: no)");
    }

    @Test
    void theDaysFromACountedEventToDayZeroAreSummarizedAndListedPerPatient()
    {
        patient("a", Map.of("stop_reason", "bleeding", "stop_date", DAY0.minusDays(3)));
        patient("b", Map.of("stop_reason", "bleeding", "stop_date", DAY0.minusDays(10)));
        patient("c", Map.of("stop_reason", "bleeding", "stop_date", DAY0.minusDays(1)));
        SeriesResults results = results();
        var days = results.findDaysToDayZero("days_from_stop").orElseThrow();
        assertThat(days.n()).isEqualTo(2);
        assertThat(days.median()).isEqualTo(6.5);
        ObjectNode json = ResultsJson.toTree(results);
        assertThat(json.at("/days_from_stop").toString()).isEqualTo("{\"n\":2,\"median\":6.5,\"min\":3.0,\"max\":10.0}");
        assertThat(json.at("/patients/0/days_from_stop").asLong()).isEqualTo(3);
        assertThat(json.at("/patients/2/days_from_stop").isNull()).isTrue();
        assertThat(ResultsJson.write(results)).as("patients written field by field as their trees print").isEqualTo(printed(json));
    }

    /** The tree as the mapper prints it with its default printer, and the final newline the file has. */
    static String printed(ObjectNode tree)
    {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(tree) + "\n";
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withoutACountedEventTheSummaryHasNoPatients()
    {
        patient("a", Map.of());
        ObjectNode json = ResultsJson.toTree(results());
        assertThat(json.at("/days_from_stop").toString()).isEqualTo("{\"n\":0}");
        assertThat(ResultsText.render(protocol, results(), new CaseSeriesAnalysis(protocol).variableOrder())).doesNotContain("days_from_stop");
    }

    @Test
    void statusDiedAndTheListsOrderReplaceTheVitalStatusCountsOfTheSameName()
    {
        patient("died", Map.of("death_date", DAY0.plusDays(30)));
        patient("alive", Map.of("last_followup_date", DAY0.plusDays(40)));
        patient("lost", Map.of("last_followup_date", DAY0.plusDays(3)));
        SeriesResults results = results();
        assertThat(results.outcomes()).extracting(OutcomeCount::name)
                .containsExactly("alive_day30", "censored_before_day30", "transfusion", "died_by_day30", "stopped_for_bleeding", "hb_fell");
        assertThat(count("died_by_day30")).isEqualTo("1/2");
        assertThat(results.findOutcome("died_by_day30").orElseThrow().description()).isEqualTo("died on or before day 30");
        assertThat(results.findOutcome("hb_fell").orElseThrow().description()).isEqualTo("Hb lower after surgery");
    }

    @Test
    void oneAgentFieldIsCountedAsAgentsAndLabelsCanBeLeftOut()
    {
        patient("a", Map.of("drug", "Alpha"));
        patient("b", Map.of("drug", "beta"));
        patient("c", Map.of("drug", "Alpha", "earlier_drug", "beta"));
        SeriesResults results = results();
        assertThat(results.agentsField()).contains("drug");
        assertThat(results.agents()).containsExactly(Map.entry("alpha", 2), Map.entry("beta", 1));
        assertThat(results.agentsByField()).isEmpty();
        ObjectNode json = ResultsJson.toTree(results);
        assertThat(json.at("/agents").toString()).isEqualTo("{\"alpha\":2,\"beta\":1}");
        assertThat(json.has("agents_by_field")).isFalse();
        assertThat(json.has("labels")).isFalse();
        assertThat(ResultsText.render(protocol, results, new CaseSeriesAnalysis(protocol).variableOrder())).contains("agents                             alpha 2, beta 1");
    }

    @Test
    void numbersOfTheFallbackAreDecimal()
    {
        assertThat(protocol.outcomes().find("transfusion").orElseThrow().orAtLeast().threshold()).isEqualByComparingTo(new BigDecimal("2"));
    }
}
