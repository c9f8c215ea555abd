package org.casebook.protocol;

import org.casebook.yaml.YamlFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mistakes a new user made writing protocols from docs/protocol.md that {@code protocol check}
 * once accepted silently, each leaving a value blank for every patient or no record counting: day 0
 * or a value taken from an exclusion (an included patient has no record of it), a value that
 * cannot fit its field's kind (a date into an integer field), and an empty list of statuses,
 * record types, modalities or encounter classes. Each is now an error at its line and key.
 */
class NewUserProtocolMistakesTest
{
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "dm-ild-tofacitinib|day 0 from an exclusion|  field: index_date\\n\\ncode_sets|  field: index_date\\n  criterion: no_prior_jak_inhibitor\\n\\ncode_sets"
                    + "|criterion: no_prior_jak_inhibitor|day0.criterion|expected an inclusion criterion, found exclusion 'no_prior_jak_inhibitor'",
            "dm-ild-tofacitinib|a value from an exclusion|{field: glucocorticoid_start, criterion: glucocorticoid, value: date}"
                    + "|{field: glucocorticoid_start, criterion: no_prior_jak_inhibitor, value: date}|glucocorticoid_start, criterion: no_prior|].criterion"
                    + "|expected an inclusion criterion, found exclusion 'no_prior_jak_inhibitor'",
            "dm-ild-tofacitinib|days into a date field|{field: ild_diagnosis_date, criterion: ild, value: date}|{field: ild_diagnosis_date, criterion: ild, value: days_to_day0}"
                    + "|ild_diagnosis_date, criterion: ild|].value|value 'days_to_day0' does not fit field ild_diagnosis_date of kind date; expected a field of kind integer or number",
            "ae-ra-ild-jaki|a date into a number field|{field: jaki_dose_mg, record_of: jaki_agent, value: dose, dose_unit: mg}|{field: jaki_dose_mg, record_of: jaki_agent, value: date}"
                    + "|jaki_dose_mg, record_of|].value|value 'date' does not fit field jaki_dose_mg of kind number; expected a field of kind date",
            "ae-ra-ild-jaki|sex into a number field|{field: age, value: birth_age}|{field: age, value: sex}|{field: age, value: sex}|].value"
                    + "|value 'sex' does not fit field age of kind number; expected a field of kind category or text",
            "ae-ra-ild-jaki|no statuses|statuses: [stopped, completed], record_date: end|statuses: [], record_date: end|statuses: [], record_date|].statuses"
                    + "|expected one or more values (leave 'statuses' out for the default)",
            "ae-ra-ild-jaki|no record types|record_types: [request, statement], statuses|record_types: [], statuses|record_types: [], statuses|].record_types"
                    + "|expected one or more values",
            "ae-ra-ild-jaki|no modalities|{ct_study: true, timepoint: after, kind: imaging_study, modalities: [CT]|{ct_study: true, timepoint: after, kind: imaging_study, modalities: []"
                    + "|timepoint: after, kind: imaging_study, modalities: []|].modalities|expected one or more values",
            "dm-ild-tofacitinib|a rule for a computed field|{field: ild_diagnosis_date, criterion: ild, value: date}"
                    + "|{field: ild_diagnosis_date, criterion: ild, value: date}\\n  - {field: days_ild_to_tofacitinib, criterion: ild, value: days_to_day0}"
                    + "|{field: days_ild_to_tofacitinib|].field|field days_ild_to_tofacitinib is computed (derived days_between); extract its two dates instead",
            "ae-ra-ild-jaki|no encounter classes|    encounter_classes: [IMP, ACUTE, NONAC]|    encounter_classes: []|encounter_classes: []|eligibility[0].encounter_classes"
                    + "|expected one or more classes"})
    void mistakesAreLocated(String protocol, String name, String original, String replacement, String at, String key, String message)
    {
        String base = Protocols.builtInFile(protocol, "protocol.yaml").orElseThrow();
        String from = original.replace("\\n", "\n");
        assertThat(base).as(name).contains(from);
        String text = base.replace(from, replacement.replace("\\n", "\n"));
        ProtocolReader reader = new ProtocolReader("p.yaml", path -> Protocols.builtInFile(protocol, path).orElseThrow());
        assertThatThrownBy(() -> reader.read(text)).as(name).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("p.yaml line " + lineOf(text, at) + ",")
                .hasMessageContaining(key + "'")
                .hasMessageContaining(message);
    }

    private static int lineOf(String text, String fragment)
    {
        assertThat(text).contains(fragment);
        return (int) text.substring(0, text.indexOf(fragment)).chars().filter(c -> c == '\n').count() + 1;
    }
}
