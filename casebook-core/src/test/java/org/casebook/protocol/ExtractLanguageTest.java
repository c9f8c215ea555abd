package org.casebook.protocol;

import java.math.BigDecimal;
import java.util.List;

import org.casebook.yaml.YamlFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The extract rules the seed study needed and any protocol can use: CT studies per time point,
 * another rule's record, several kinds at once, another of a record's dates, units of a rule's
 * own, status reasons, the last record date and a dose filter; and their located mistakes.
 */
class ExtractLanguageTest
{
    private static final String SEED_TEXT = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();

    private static StudyProtocol read(String text)
    {
        return new ProtocolReader("p.yaml", path -> Protocols.builtInFile(Protocols.SEED, path).orElseThrow()).read(text);
    }

    private static String seedWith(String original, String replacement)
    {
        assertThat(SEED_TEXT).contains(original);
        return SEED_TEXT.replace(original, replacement);
    }

    private static int lineOf(String text, String fragment)
    {
        return (int) text.substring(0, text.indexOf(fragment)).chars().filter(c -> c == '\n').count() + 1;
    }

    private static ExtractRule rule(StudyProtocol protocol, String target)
    {
        return protocol.extract().stream().filter(rule -> rule.target().equals(target)).findFirst().orElseThrow();
    }

    @Test
    void theSeedStudysExtractionReadsAsRules()
    {
        StudyProtocol seed = Protocols.builtIn(Protocols.SEED);
        ExtractRule prior = rule(seed, "prior_jaki");
        assertThat(prior.recordDate()).isEqualTo("end");
        assertThat(prior.filter().statuses()).containsExactly("stopped", "completed");
        assertThat(prior.filter().recordTypes()).containsExactly("request", "statement");
        assertThat(prior.window()).isEqualTo(new DayWindow(-180, 0));
        assertThat(prior.pick()).isEqualTo("last");
        ExtractRule reason = rule(seed, "prior_jaki_stop_reason");
        assertThat(reason.recordOf()).isEqualTo("prior_jaki");
        assertThat(reason.value()).isEqualTo("status_reason");
        assertThat(reason.reasonCodeSet()).isEqualTo("jaki-stop-adverse-event");
        assertThat(reason.reasonText()).isEqualTo("adverse event");
        ExtractRule pulse = rule(seed, "mpsl_pulse");
        assertThat(pulse.filter().dose()).isEqualTo(new RecordFilter.Threshold(">=", new BigDecimal("500"), "mg"));
        assertThat(pulse.duringAdmission()).isTrue();
        ExtractRule oxygen = rule(seed, "home_oxygen_at_discharge");
        assertThat(oxygen.kind()).isNull();
        assertThat(oxygen.anyOf()).extracting(ExtractRule::kind).containsExactly("medication", "device_request", "condition");
        assertThat(oxygen.anyOf().get(2).recordDate()).isEqualTo("recorded");
        assertThat(oxygen.anchor()).isEqualTo("discharge");
        ExtractRule onset = rule(seed, "ct_study at onset");
        assertThat(onset.ctStudy()).isTrue();
        assertThat(onset.filter().modalities()).containsExactly("CT");
        assertThat(onset.pick()).isEqualTo("nearest");
        ExtractRule pao2 = rule(seed, "pao2 at onset");
        assertThat(pao2.units()).containsEntry("kPa", new BigDecimal("7.50062")).containsEntry("mm[Hg]", BigDecimal.ONE);
        ExtractRule after = rule(seed, "pf_ratio at after");
        assertThat(after.window()).isEqualTo(new DayWindow(7, null));
        assertThat(rule(seed, "last_followup_date").kinds()).contains("patient", "observation").doesNotContain("procedure");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', ignoreLeadingAndTrailingWhitespace = false, value = {
            "record_of names a later field|{field: jaki_dose_mg, record_of: jaki_agent, value: dose, dose_unit: mg}|{field: jaki_dose_mg, record_of: jaki_start_date, value: dose, dose_unit: mg}|record_of: jaki_start_date|extract[8].record_of|expected a field filled by a search rule listed before this one",
            "record_of with a search key|{field: jaki_start_date, record_of: jaki_agent, value: date}|{field: jaki_start_date, record_of: jaki_agent, pick: last, value: date}|pick: last, value: date|extract[9].pick|'pick' does not apply: this value comes from the record chosen for jaki_agent",
            "record_of takes no count|{field: jaki_start_date, record_of: jaki_agent, value: date}|{field: jaki_start_date, record_of: jaki_agent, value: count}|value: count|extract[9].value|with record_of, found 'count'",
            "record_date end on a condition|{kind: condition, code_set: oxygen-dependence, record_date: recorded}|{kind: condition, code_set: oxygen-dependence, record_date: end}|oxygen-dependence, record_date: end|extract[12].any_of[2].record_date|'record_date: end' applies only to kinds medication and encounter, not condition",
            "any_of with a kind outside|    any_of:\\n|    kind: medication\\n    any_of:\\n|kind: medication\\n    any_of|extract[12].kind|'kind' belongs inside each entry of any_of",
            "dose filter on an observation|{variable: pf_ratio, timepoint: onset, kind: observation, code_set: pf-ratio,|{variable: pf_ratio, timepoint: onset, kind: observation, code_set: pf-ratio, dose: {comparator: '>', threshold: 1, unit: mg},|pf-ratio, dose: {comparator|extract[18].dose|'dose' applies only to kind medication, not observation",
            "units on a field|{field: jaki_dose_mg, record_of: jaki_agent, value: dose, dose_unit: mg}|{field: jaki_dose_mg, record_of: jaki_agent, value: dose, dose_unit: mg, units: {g: 1000}}|units: {g|extract[8].units|units applies only to a variable",
            "a unit factor of zero|units: {\"%\": 1, \"\": 1}, window_days: {from: -365|units: {\"%\": 0, \"\": 1}, window_days: {from: -365|\"%\": 0, \"\": 1}, window_days: {from: -365|extract[24].units.%|expected a factor above 0, found 0",
            "reason_code_set without reason_text|reason_code_set: jaki-stop-adverse-event, reason_text: adverse event}|reason_code_set: jaki-stop-adverse-event}|{field: prior_jaki_stop_reason|extract[6]|missing required key 'reason_text'",
            "an unknown reason code set|reason_code_set: jaki-stop-adverse-event|reason_code_set: stop-reasons|stop-reasons|extract[6].reason_code_set|expected a code set named under code_sets",
            "kinds naming no kind|kinds: [encounter, condition|kinds: [visit, condition|kinds: [visit|extract[14].kinds[0]|expected one of [condition, device_request, encounter, imaging_study, medication, observation, patient, procedure], found 'visit'",
            "a CT study of another kind|{ct_study: true, timepoint: after, kind: imaging_study, modalities: [CT]|{ct_study: true, timepoint: after, kind: procedure, code_set: ild|kind: procedure, code_set: ild|extract[17].kind|a CT study rule searches kind imaging_study, not procedure",
            "a CT study at an unknown time point|{ct_study: true, timepoint: after|{ct_study: true, timepoint: later|timepoint: later|extract[17].timepoint|expected a time point declared under timepoints",
            "a CT study with a value|{ct_study: true, timepoint: before, kind: imaging_study|{ct_study: true, value: date, timepoint: before, kind: imaging_study|value: date, timepoint: before|extract[16].value|a CT study rule takes the study itself",
            "a second CT rule for a time point|{ct_study: true, timepoint: after|{ct_study: true, timepoint: onset|ct_study: true, timepoint: onset, kind: imaging_study, modalities: [CT], window_days: {from: 7|extract[17]|a second rule for ct_study at onset"})
    void mistakesAreLocated(String name, String original, String replacement, String at, String key, String message)
    {
        String text = seedWith(original.replace("\\n", "\n"), replacement.replace("\\n", "\n"));
        assertThatThrownBy(() -> read(text)).as(name).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("p.yaml line " + lineOf(text, at.replace("\\n", "\n")))
                .hasMessageContaining("key '" + key)
                .hasMessageContaining(message);
    }

    @Test
    void aProtocolWithoutTheNewKeysReadsAsBefore()
    {
        List<ExtractRule> rules = Protocols.builtIn("dm-ild-tofacitinib").extract();
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.ctStudy()).isFalse();
            assertThat(rule.recordOf()).isNull();
            assertThat(rule.anyOf()).isEmpty();
            assertThat(rule.recordDate()).isEqualTo("start");
            assertThat(rule.units()).isNull();
            assertThat(rule.filter().dose()).isNull();
        });
    }
}
