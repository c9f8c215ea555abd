package org.casebook.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.casebook.yaml.YamlNode;

/**
 * Reads the protocol's {@code extract} list: for each variable at a time point, or case field,
 * the records it is taken from and how one is chosen.
 */
final class ExtractReader
{
    static final Set<String> PICKS = Set.of("first", "last", "lowest", "highest", "nearest");
    static final Set<String> ANCHORS = Set.of("day0", "admission", "discharge");
    /** Values that need no record search: facts of the patient or the index stay. */
    static final Set<String> PATIENT_FACTS = Set.of("death_date", "birth_age", "sex", "discharge_date", "admission_date");
    /** Values taken from a found record (a search, or a criterion's matched record). */
    static final Set<String> RECORD_VALUES = Set.of("exists", "count", "date", "agent", "dose", "days_to_day0", "value");
    private static final Set<String> OPTIONAL;

    static {
        Set<String> optional = new HashSet<>(Set.of("variable", "timepoint", "field", "kind", "code_set", "window_days", "anchor", "during_admission",
                "pick", "nearest_day", "value", "dose_unit", "criterion", "description"));
        optional.addAll(RecordKinds.FILTER_KEYS);
        OPTIONAL = Set.copyOf(optional);
    }

    private final Set<String> codeSets;
    private final Set<String> timepoints;
    private final Set<String> variables;
    private final Set<String> fields;
    private final Set<String> criteria;

    ExtractReader(Set<String> codeSets, Set<String> timepoints, Set<String> variables, Set<String> fields, Set<String> criteria)
    {
        this.codeSets = codeSets;
        this.timepoints = timepoints;
        this.variables = variables;
        this.fields = fields;
        this.criteria = criteria;
    }

    List<ExtractRule> read(YamlNode root)
    {
        List<ExtractRule> rules = new ArrayList<>();
        if (!root.has("extract")) {
            return rules;
        }
        Set<String> targets = new HashSet<>();
        for (YamlNode node : root.list("extract")) {
            ExtractRule rule = rule(node);
            if (!targets.add(rule.target())) {
                throw node.error("a second rule for " + rule.target() + "; each value has one rule");
            }
            rules.add(rule);
        }
        return rules;
    }

    private ExtractRule rule(YamlNode node)
    {
        node.requireKeys(Set.of(), OPTIONAL);
        String variable = null;
        String timepoint = null;
        String field = null;
        if (node.has("field") == node.has("variable")) {
            throw node.error("expected either 'field' or 'variable' with 'timepoint'");
        }
        if (node.has("variable")) {
            variable = node.text("variable");
            if (!variables.contains(variable)) {
                throw node.child("variable").error("expected a variable declared under variables, found '" + variable + "'");
            }
            timepoint = node.text("timepoint");
            if (!timepoints.contains(timepoint)) {
                throw node.child("timepoint").error("expected a time point declared under timepoints " + new TreeSet<>(timepoints) + ", found '" + timepoint + "'");
            }
        }
        else {
            field = node.text("field");
            if (!fields.contains(field)) {
                throw node.child("field").error("expected a field declared under case_fields, found '" + field + "'");
            }
            if (node.has("timepoint")) {
                throw node.child("timepoint").error("a field has no time point; use variable for values per time point");
            }
        }
        // `value` is what the rule takes when scalar; a mapping is an observation's numeric filter (RecordKinds.filter).
        boolean scalarValue = node.has("value") && !node.child("value").json().isObject();
        String value = scalarValue ? node.text("value") : variable != null ? "value" : "";
        if (value.isEmpty()) {
            throw node.error("missing required key 'value' (what the field takes: exists, count, date, agent, dose, days_to_day0, or a patient fact)");
        }
        if (!RECORD_VALUES.contains(value) && !PATIENT_FACTS.contains(value)) {
            Set<String> allowed = new TreeSet<>(RECORD_VALUES);
            allowed.addAll(PATIENT_FACTS);
            throw node.child("value").error("expected one of " + allowed + ", found '" + value + "'");
        }
        String criterion = node.optionalText("criterion").orElse(null);
        if (criterion != null && !criteria.contains(criterion)) {
            throw node.child("criterion").error("expected the id of an eligibility criterion " + new TreeSet<>(criteria) + ", found '" + criterion + "'");
        }
        boolean search = criterion == null && !PATIENT_FACTS.contains(value);
        String kind = null;
        String codeSet = null;
        RecordFilter filter = RecordFilter.NONE;
        DayWindow window = null;
        boolean duringAdmission = node.has("during_admission") && node.bool("during_admission");
        if (search) {
            kind = RecordKinds.kind(node);
            codeSet = RecordKinds.codeSet(node, kind, codeSets);
            filter = RecordKinds.filter(node, kind, codeSets);
            if (duringAdmission == node.has("window_days")) {
                throw node.error("expected either window_days or during_admission: true");
            }
            if (!duringAdmission) {
                window = RecordKinds.window(node.child("window_days"), true);
            }
        }
        else {
            for (String key : List.of("kind", "code_set", "window_days", "during_admission", "pick")) {
                if (node.has(key)) {
                    throw node.child(key).error("'" + key + "' does not apply: this value comes from " + (criterion != null ? "criterion " + criterion : "the patient's " + value));
                }
            }
        }
        String anchor = node.has("anchor") ? ProtocolReader.oneOf(node, "anchor", ANCHORS) : "day0";
        String pick = node.has("pick") ? ProtocolReader.oneOf(node, "pick", PICKS) : "first";
        if (node.has("nearest_day") && !pick.equals("nearest")) {
            throw node.child("nearest_day").error("nearest_day applies only with pick: nearest");
        }
        if (value.equals("dose") != node.has("dose_unit")) {
            throw node.has("dose_unit") ? node.child("dose_unit").error("dose_unit applies only with value: dose") : node.error("missing required key 'dose_unit' (value: dose)");
        }
        return new ExtractRule(variable, timepoint, field, kind, codeSet, filter, window, anchor, duringAdmission, pick,
                node.has("nearest_day") ? node.integer("nearest_day") : 0, value, node.optionalText("dose_unit").orElse(null), criterion, node.line());
    }
}
