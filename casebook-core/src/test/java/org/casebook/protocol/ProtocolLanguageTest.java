package org.casebook.protocol;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.casebook.schema.CaseCheck;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldKind;
import org.casebook.yaml.YamlFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The protocol language for any study: the built-in protocols, the case schema and located mistakes of each kind. */
class ProtocolLanguageTest
{
    private static final String RESECTION = "ild-lung-resection";
    private static final String RESECTION_TEXT = Protocols.builtInFile(RESECTION, "protocol.yaml").orElseThrow();

    private static StudyProtocol read(String text)
    {
        return new ProtocolReader("p.yaml", path -> Protocols.builtInFile(RESECTION, path).orElseThrow()).read(text);
    }

    private static String resectionWith(String original, String replacement)
    {
        assertThat(RESECTION_TEXT).contains(original);
        return RESECTION_TEXT.replace(original, replacement);
    }

    private static int lineOf(String text, String fragment)
    {
        return (int) text.substring(0, text.indexOf(fragment)).chars().filter(c -> c == '\n').count() + 1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ae-ra-ild-jaki", "dm-ild-tofacitinib", "ild-lung-resection"})
    void everyBuiltInProtocolReadsWithASchemaWhoseDayZeroIsARequiredDate(String name)
    {
        StudyProtocol protocol = Protocols.builtIn(name);
        CaseField anchor = protocol.caseSchema().findField(protocol.caseSchema().anchorField()).orElseThrow();
        assertThat(anchor.kind()).isEqualTo(FieldKind.DATE);
        assertThat(anchor.required()).isTrue();
        assertThat(protocol.eligibility().get(0).isIndexEvent()).isTrue();
    }

    @Test
    void seedSchemaHasTheSeedColumnsInTheirOrder()
    {
        assertThat(Protocols.builtIn(Protocols.SEED).caseSchema().columns()).containsExactly("patient_id", "admission_date", "ae_onset_date",
                "discharge_date", "age", "sex", "weight_kg", "bmi", "smoking", "ra_duration_years", "rf_positive", "acpa_positive", "ild_pattern",
                "antifibrotic", "baseline_psl_mg", "prior_jaki", "prior_jaki_stop_date", "prior_jaki_stop_reason", "jaki_agent", "jaki_dose_mg",
                "jaki_start_date", "mpsl_pulse", "mpsl_pulse_start_date", "mpsl_max_daily_dose_mg", "home_oxygen_at_discharge", "death_date",
                "last_followup_date");
    }

    @Test
    void aCopyOfTheSeedWrittenBeforeCaseFieldsGetsTheSeedsFieldsAndRatio()
    {
        String seed = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();
        String old = seed.substring(0, seed.indexOf("# The cases sheet and case form")) + seed.substring(seed.indexOf("# Time points relative to day 0"));
        old = old.replace("  field: ae_onset_date        # the case field holding day 0\n", "").replace("  fallback: admission_date    # used when ae_onset_date is blank\n", "");
        assertThat(old).doesNotContain("case_fields").doesNotContain("derived").doesNotContain("fallback");
        StudyProtocol protocol = new ProtocolReader("old.yaml", path -> Protocols.builtInFile(Protocols.SEED, path).orElseThrow()).read(old);
        StudyProtocol current = Protocols.builtIn(Protocols.SEED);
        assertThat(protocol.caseSchema()).isEqualTo(current.caseSchema());
        assertThat(protocol.caseSchema().findDerived("pf_ratio")).isPresent();
    }

    @Test
    void newStudiesUseTheLanguagesParts()
    {
        StudyProtocol dm = Protocols.builtIn("dm-ild-tofacitinib");
        StudyProtocol resection = Protocols.builtIn(RESECTION);
        assertThat(dm.eligibility().get(0).kind()).isEqualTo("medication");
        assertThat(dm.eligibility().get(0).firstRecord()).isTrue();
        assertThat(dm.eligibility()).anyMatch(EligibilityCriterion::exclusion);
        assertThat(dm.eligibility()).anyMatch(c -> "first_tofacitinib".equals(c.relativeTo()));
        assertThat(dm.eligibility()).anyMatch(c -> c.filter().valueCodeSet() != null);
        assertThat(dm.eligibility()).anyMatch(c -> c.kind().equals("medication") && c.window() != null && c.window().to() != null && c.window().to() < 0);
        assertThat(dm.timepoints()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(resection.eligibility().get(0).kind()).isEqualTo("procedure");
        assertThat(resection.eligibility()).anyMatch(c -> c.filter().threshold() != null);
        assertThat(resection.caseSchema().fields()).anyMatch(f -> f.kind() == FieldKind.CATEGORY);
        assertThat(resection.outcomes().list()).extracting(OutcomeSpec::kind).contains("at_least", "proportion", "status_at_day", "change");
        // an outcome kind the seed does not use
        assertThat(Protocols.builtIn(Protocols.SEED).outcomes().list()).extracting(OutcomeSpec::kind).doesNotContain("at_least");
    }

    @Test
    void schemaChecksEachKindAndTheRulesBetweenFields()
    {
        var schema = Protocols.builtIn(RESECTION).caseSchema();
        CaseCheck good = schema.check(Map.of("surgery_date", "2024-03-01", "age", "71.5", "sex", "m", "postoperative_ae", "Yes",
                "ae_records", "2.0", "procedure_type", "LOBECTOMY"));
        assertThat(good.problems()).isEmpty();
        assertThat(good.values()).containsEntry("surgery_date", LocalDate.of(2024, 3, 1)).containsEntry("age", new BigDecimal("71.5"))
                .containsEntry("sex", "M").containsEntry("postoperative_ae", true).containsEntry("ae_records", 2L)
                .containsEntry("procedure_type", "lobectomy");
        CaseCheck bad = schema.check(Map.of("age", "300", "sex", "X", "ae_records", "1.5", "death_date", "2024-02-01", "surgery_date", "2024-03-01",
                "postoperative_ae", "maybe", "ae_date", "2024-3-5"));
        assertThat(bad.problems()).containsExactly(
                Map.entry("age", "expected a number from 0 to 120"),
                Map.entry("sex", "expected F or M"),
                Map.entry("postoperative_ae", "expected yes or no"),
                Map.entry("ae_date", "expected a date yyyy-mm-dd"),
                Map.entry("ae_records", "expected a whole number of at least 0"),
                Map.entry("death_date", "date of death is before the operation 2024-03-01"));
        assertThat(schema.check(Map.of()).problems()).containsExactly(Map.entry("surgery_date", "required value missing"));
    }

    /** The seed's own rules live in its schema: plausible ranges, agents of the code set, prior_jaki's also: [none], the stop reason's length. */
    @Test
    void seedSchemaHoldsTheRangesAgentsAndLengths()
    {
        var schema = Protocols.builtIn(Protocols.SEED).caseSchema();
        CaseField prior = schema.findField("prior_jaki").orElseThrow();
        assertThat(prior.kind()).isEqualTo(FieldKind.AGENT);
        assertThat(prior.also()).containsExactly("none");
        assertThat(prior.choices()).endsWith("none").contains("tofacitinib");
        assertThat(schema.findField("jaki_agent").orElseThrow().choices()).doesNotContain("none");
        CaseCheck good = schema.check(Map.of("admission_date", "2024-03-01", "prior_jaki", "NONE", "jaki_agent", "Tofacitinib", "age", "120"));
        assertThat(good.problems()).isEmpty();
        assertThat(good.values()).containsEntry("prior_jaki", "none").containsEntry("jaki_agent", "tofacitinib");
        CaseCheck bad = schema.check(Map.of("admission_date", "2024-03-01", "discharge_date", "2024-02-01", "age", "300", "bmi", "1e300",
                "jaki_agent", "none", "prior_jaki", "Dr. John Smith", "prior_jaki_stop_reason", "x".repeat(1001)));
        assertThat(bad.problems()).containsEntry("age", "expected a number from 0 to 120")
                .containsEntry("bmi", "expected a number from 5 to 100")
                .containsEntry("jaki_agent", "expected one of tofacitinib, baricitinib, upadacitinib, filgotinib, peficitinib")
                .containsEntry("prior_jaki", "expected one of tofacitinib, baricitinib, upadacitinib, filgotinib, peficitinib, none")
                .containsEntry("prior_jaki_stop_reason", "expected text of at most 1000 characters, found 1001")
                .containsKey("discharge_date");
        assertThat(schema.check(Map.of("admission_date", "2024-03-01", "prior_jaki_stop_reason", "x".repeat(1000))).problems()).isEmpty();
    }

    @Test
    void alsoOnlyForAgentFieldsAndNotRepeatingAnAgent()
    {
        String seed = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();
        ProtocolReader reader = new ProtocolReader("s.yaml", path -> Protocols.builtInFile(Protocols.SEED, path).orElseThrow());
        String onText = seed.replace("kind: text, max_length: 1000,", "kind: text, also: [none], max_length: 1000,");
        assertThat(onText).isNotEqualTo(seed);
        assertThatThrownBy(() -> reader.read(onText)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("'also' applies only to agent fields, not text");
        String repeated = seed.replace("also: [none]", "also: [none, Tofacitinib]");
        assertThat(repeated).isNotEqualTo(seed);
        assertThatThrownBy(() -> reader.read(repeated)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("case_fields[14].also")
                .hasMessageContaining("expected a list of distinct values that are not the code set's agents, found 'Tofacitinib'");
    }

    @Test
    void unknownCriterionKind()
    {
        String text = resectionWith("    kind: procedure\n", "    kind: surgery\n");
        assertThatThrownBy(() -> read(text)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("p.yaml line " + lineOf(text, "kind: surgery"))
                .hasMessageContaining("key 'eligibility[0].kind'")
                .hasMessageContaining("found 'surgery'");
    }

    @Test
    void unknownFieldKind()
    {
        String text = resectionWith("{name: smoking, label: Smoking, kind: category", "{name: smoking, label: Smoking, kind: choice");
        assertThatThrownBy(() -> read(text)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("p.yaml line " + lineOf(text, "kind: choice"))
                .hasMessageContaining("key 'case_fields[3].kind'")
                .hasMessageContaining("expected one of date, number, integer, yes_no, category, agent, text, found 'choice'");
    }

    @Test
    void unknownCodeSet()
    {
        String text = resectionWith("    code_set: lung-cancer\n", "    code_set: lung-cancers\n");
        assertThatThrownBy(() -> read(text)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("p.yaml line " + lineOf(text, "code_set: lung-cancers"))
                .hasMessageContaining("key 'eligibility[2].code_set'")
                .hasMessageContaining("expected a code set named under code_sets");
    }

    @Test
    void windowWithFromAfterTo()
    {
        String text = resectionWith("    window_days: {from: -90, to: -1}\n\nextract:", "    window_days: {from: -1, to: -90}\n\nextract:");
        assertThatThrownBy(() -> read(text)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("p.yaml line " + lineOf(text, "{from: -1, to: -90}"))
                .hasMessageContaining("key 'eligibility[4].window_days.to'")
                .hasMessageContaining("expected a day on or after from (-1), found -90");
    }

    @Test
    void derivedValueNamingAMissingVariable()
    {
        String text = resectionWith("timepoints:\n", "derived:\n  - {name: crp, kind: ratio, numerator: crp, denominator: albumin}\n\ntimepoints:\n");
        assertThatThrownBy(() -> read(text)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("p.yaml line " + lineOf(text, "{name: crp, kind: ratio"))
                .hasMessageContaining("key 'derived[0].denominator'")
                .hasMessageContaining("found 'albumin'");
    }

    @Test
    void outcomeNamingAMissingTimePoint()
    {
        String text = resectionWith("from: preop, to: pod7, direction: increased}", "from: preop, to: week1, direction: increased}");
        assertThatThrownBy(() -> read(text)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("p.yaml line " + lineOf(text, "to: week1"))
                .hasMessageContaining("key 'outcomes.list[3].to'")
                .hasMessageContaining("found 'week1'");
    }

    @Test
    void cycleOfCriteriaRelativeToEachOther()
    {
        String text = resectionWith("    timing: on_or_before_index\n  - id: lung_cancer\n",
                "    timing: relative\n    relative_to: {criterion: lung_cancer, from_days: -30}\n  - id: lung_cancer\n")
                .replace("    code_set: lung-cancer\n    timing: on_or_before_index\n",
                        "    code_set: lung-cancer\n    timing: relative\n    relative_to: {criterion: ild, from_days: 0}\n");
        assertThatThrownBy(() -> read(text)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("key 'eligibility[1].relative_to.criterion'")
                .hasMessageContaining("criteria timed relative to each other in a cycle: ild → lung_cancer → ild");
    }

    @Test
    void dayZeroFieldMustBeARequiredDate()
    {
        String text = resectionWith("{name: surgery_date, label: Operation, kind: date, required: true}", "{name: surgery_date, label: Operation, kind: date}");
        assertThatThrownBy(() -> read(text)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("key 'day0.field'")
                .hasMessageContaining("must be marked required: true");
    }

    @Test
    void extractRuleForAnUnknownField()
    {
        String text = resectionWith("{field: ae_records, kind", "{field: ae_count, kind");
        assertThatThrownBy(() -> read(text)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("p.yaml line " + lineOf(text, "ae_count"))
                .hasMessageContaining("key 'extract[5].field'")
                .hasMessageContaining("expected a field declared under case_fields, found 'ae_count'");
    }
}
