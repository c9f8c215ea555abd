package org.casebook.protocol;

import java.util.ArrayList;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.casebook.schema.FieldKind;
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
    static final Set<String> PATIENT_FACTS = Set.of("death_date", "birth_age", "sex", "discharge_date", "admission_date", "last_record_date");
    /** Values taken from a found record (a search, or a criterion's matched record). */
    static final Set<String> RECORD_VALUES = Set.of("exists", "count", "date", "agent", "dose", "days_to_day0", "value", "status_reason");
    /** Values taken from the record another field rule chose ({@code record_of}). */
    static final Set<String> CHOSEN_RECORD_VALUES = Set.of("date", "agent", "dose", "days_to_day0", "value", "status_reason");
    /** Keys of one alternative under {@code any_of}. */
    private static final Set<String> ALTERNATIVE_KEYS;
    private static final Set<String> OPTIONAL;

    static {
        Set<String> optional = new HashSet<>(Set.of("variable", "timepoint", "field", "kind", "code_set", "window_days", "anchor", "during_admission",
                "pick", "nearest_day", "value", "dose_unit", "criterion", "description", "ct_study", "record_date", "units", "record_of",
                "reason_code_set", "reason_text", "any_of", "kinds"));
        optional.addAll(RecordKinds.FILTER_KEYS);
        OPTIONAL = Set.copyOf(optional);
        Set<String> alternative = new HashSet<>(Set.of("kind", "code_set", "record_date"));
        alternative.addAll(RecordKinds.FILTER_KEYS);
        alternative.remove("value");
        ALTERNATIVE_KEYS = Set.copyOf(alternative);
    }

    private final Set<String> codeSets;
    private final Set<String> timepoints;
    private final Set<String> variables;
    private final Map<String, FieldKind> fields;
    private final Set<String> criteria;
    private final Set<String> exclusions;
    private final Set<String> computed;

    ExtractReader(Set<String> codeSets, Set<String> timepoints, Set<String> variables, Map<String, FieldKind> fields, Set<String> criteria, Set<String> exclusions,
            Set<String> computed)
    {
        this.computed = computed;
        this.codeSets = codeSets;
        this.timepoints = timepoints;
        this.variables = variables;
        this.fields = fields;
        this.criteria = criteria;
        this.exclusions = exclusions;
    }

    /**
     * The field kinds each value can fill: screening checks every value with its field's parser and
     * leaves blank what the field refuses, so a rule whose value never fits its field (a date into an
     * integer) would leave the field blank for every patient without a word.
     */
    private static final Map<String, Set<FieldKind>> FITS = Map.ofEntries(
            Map.entry("exists", EnumSet.of(FieldKind.YES_NO)),
            Map.entry("count", EnumSet.of(FieldKind.INTEGER, FieldKind.NUMBER)),
            Map.entry("date", EnumSet.of(FieldKind.DATE)),
            Map.entry("death_date", EnumSet.of(FieldKind.DATE)),
            Map.entry("discharge_date", EnumSet.of(FieldKind.DATE)),
            Map.entry("admission_date", EnumSet.of(FieldKind.DATE)),
            Map.entry("last_record_date", EnumSet.of(FieldKind.DATE)),
            Map.entry("agent", EnumSet.of(FieldKind.AGENT, FieldKind.CATEGORY, FieldKind.TEXT)),
            Map.entry("dose", EnumSet.of(FieldKind.NUMBER, FieldKind.INTEGER)),
            Map.entry("days_to_day0", EnumSet.of(FieldKind.INTEGER, FieldKind.NUMBER)),
            Map.entry("birth_age", EnumSet.of(FieldKind.NUMBER, FieldKind.INTEGER)),
            Map.entry("sex", EnumSet.of(FieldKind.CATEGORY, FieldKind.TEXT)),
            Map.entry("status_reason", EnumSet.of(FieldKind.TEXT, FieldKind.CATEGORY)),
            Map.entry("value", EnumSet.of(FieldKind.NUMBER, FieldKind.INTEGER, FieldKind.CATEGORY, FieldKind.TEXT)));

    List<ExtractRule> read(YamlNode root)
    {
        List<ExtractRule> rules = new ArrayList<>();
        if (!root.has("extract")) {
            return rules;
        }
        Set<String> targets = new HashSet<>();
        Set<String> searches = new HashSet<>();
        for (YamlNode node : root.list("extract")) {
            ExtractRule rule = rule(node);
            if (!targets.add(rule.target())) {
                throw node.error("a second rule for " + rule.target() + "; each value has one rule");
            }
            if (rule.recordOf() != null && !searches.contains(rule.recordOf())) {
                throw node.child("record_of").error("expected a field filled by a search rule listed before this one " + new TreeSet<>(searches)
                        + ", found '" + rule.recordOf() + "'");
            }
            if (rule.field() != null && (rule.kind() != null || !rule.anyOf().isEmpty())) {
                searches.add(rule.field());
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
        int targets = (node.has("field") ? 1 : 0) + (node.has("variable") ? 1 : 0) + (node.has("ct_study") ? 1 : 0);
        if (targets != 1) {
            throw node.error("expected one of 'field', 'variable' with 'timepoint', or 'ct_study: true' with 'timepoint'");
        }
        boolean ctStudy = node.has("ct_study");
        if (ctStudy) {
            if (!node.bool("ct_study")) {
                throw node.child("ct_study").error("expected true (the rule fills the CT study of a time point)");
            }
            timepoint = node.text("timepoint");
            if (!timepoints.contains(timepoint)) {
                throw node.child("timepoint").error("expected a time point declared under timepoints " + new TreeSet<>(timepoints) + ", found '" + timepoint + "'");
            }
            if (node.has("value") && !node.child("value").json().isObject()) {
                throw node.child("value").error("a CT study rule takes the study itself; 'value' does not apply");
            }
        }
        else if (node.has("variable")) {
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
            if (!fields.containsKey(field)) {
                throw node.child("field").error("expected a field declared under case_fields, found '" + field + "'");
            }
            if (node.has("timepoint")) {
                throw node.child("timepoint").error("a field has no time point; use variable for values per time point");
            }
            // a days_between field is computed from its two dates: a rule of its own would say otherwise for the same patient
            if (computed.contains(field)) {
                throw node.child("field").error("field " + field + " is computed (derived days_between); extract its two dates instead");
            }
        }
        // `value` is what the rule takes when scalar; a mapping is an observation's numeric filter (RecordKinds.filter).
        boolean scalarValue = node.has("value") && !node.child("value").json().isObject();
        String value = scalarValue ? node.text("value") : ctStudy ? "study" : variable != null ? "value" : "";
        if (value.isEmpty()) {
            throw node.error("missing required key 'value' (what the field takes: exists, count, date, agent, dose, days_to_day0, or a patient fact)");
        }
        if (!ctStudy && !RECORD_VALUES.contains(value) && !PATIENT_FACTS.contains(value)) {
            Set<String> allowed = new TreeSet<>(RECORD_VALUES);
            allowed.addAll(PATIENT_FACTS);
            throw node.child("value").error("expected one of " + allowed + ", found '" + value + "'");
        }
        String criterion = node.optionalText("criterion").orElse(null);
        if (criterion != null && !criteria.contains(criterion)) {
            throw node.child("criterion").error("expected the id of an eligibility criterion " + new TreeSet<>(criteria) + ", found '" + criterion + "'");
        }
        if (criterion != null && exclusions.contains(criterion)) {
            throw node.child("criterion").error("expected an inclusion criterion, found exclusion '" + criterion
                    + "' (an included patient has no record of it); search its records with kind and code_set instead");
        }
        String recordOf = node.optionalText("record_of").orElse(null);
        if (recordOf != null) {
            if (field == null) {
                throw node.child("record_of").error("record_of applies only to a field");
            }
            if (criterion != null) {
                throw node.child("record_of").error("expected either 'record_of' or 'criterion', not both");
            }
            if (!CHOSEN_RECORD_VALUES.contains(value)) {
                throw node.child("value").error("expected one of " + new TreeSet<>(CHOSEN_RECORD_VALUES) + " with record_of, found '" + value + "'");
            }
        }
        boolean search = criterion == null && recordOf == null && !PATIENT_FACTS.contains(value);
        String kind = null;
        String codeSet = null;
        RecordFilter filter = RecordFilter.NONE;
        DayWindow window = null;
        String recordDate = "start";
        List<ExtractRule> anyOf = List.of();
        boolean duringAdmission = node.has("during_admission") && node.bool("during_admission");
        if (search && node.has("any_of")) {
            for (String key : List.of("kind", "code_set", "record_date", "record_types", "statuses", "value_code_set", "modalities", "dose")) {
                if (node.has(key)) {
                    throw node.child(key).error("'" + key + "' belongs inside each entry of any_of");
                }
            }
            if (ctStudy || variable != null) {
                throw node.child("any_of").error("any_of applies only to a field");
            }
            List<ExtractRule> alternatives = new ArrayList<>();
            for (YamlNode entry : node.list("any_of")) {
                entry.requireKeys(Set.of("kind"), ALTERNATIVE_KEYS);
                String entryKind = RecordKinds.kind(entry);
                alternatives.add(new ExtractRule(null, null, null, entryKind, RecordKinds.codeSet(entry, entryKind, codeSets), RecordKinds.filter(entry, entryKind, codeSets),
                        null, "day0", false, "first", 0, value, null, null, entry.line(), false, RecordKinds.recordDate(entry, entryKind), null, null, null, null,
                        List.of(), List.of()));
            }
            if (alternatives.isEmpty()) {
                throw node.child("any_of").error("expected one or more searches ({kind, code_set, …})");
            }
            anyOf = alternatives;
        }
        if (search) {
            if (anyOf.isEmpty()) {
                kind = RecordKinds.kind(node);
                codeSet = RecordKinds.codeSet(node, kind, codeSets);
                filter = RecordKinds.filter(node, kind, codeSets);
                recordDate = RecordKinds.recordDate(node, kind);
                if (ctStudy && !kind.equals("imaging_study")) {
                    throw node.child("kind").error("a CT study rule searches kind imaging_study, not " + kind);
                }
            }
            if (duringAdmission == node.has("window_days")) {
                throw node.error("expected either window_days or during_admission: true");
            }
            if (!duringAdmission) {
                window = RecordKinds.window(node.child("window_days"), true);
            }
        }
        else {
            for (String key : List.of("kind", "code_set", "window_days", "during_admission", "pick", "any_of", "record_date")) {
                if (node.has(key)) {
                    throw node.child(key).error("'" + key + "' does not apply: this value comes from " + (criterion != null ? "criterion " + criterion
                            : recordOf != null ? "the record chosen for " + recordOf : "the patient's " + value));
                }
            }
        }
        if (node.has("kinds") && !value.equals("last_record_date")) {
            throw node.child("kinds").error("kinds applies only with value: last_record_date");
        }
        List<String> kinds = node.has("kinds") ? node.textList("kinds") : List.of();
        for (int i = 0; i < kinds.size(); i++) {
            if (!RecordKinds.KINDS.contains(kinds.get(i)) && !kinds.get(i).equals("patient")) {
                Set<String> allowed = new TreeSet<>(RecordKinds.KINDS);
                allowed.add("patient");
                throw node.child("kinds").elements().get(i).error("expected one of " + allowed + ", found '" + kinds.get(i) + "'");
            }
        }
        Map<String, BigDecimal> units = null;
        if (node.has("units")) {
            if (variable == null) {
                throw node.child("units").error("units applies only to a variable (factors to its canonical unit)");
            }
            units = new LinkedHashMap<>();
            YamlNode unitsNode = node.child("units");
            for (String unit : node.entries("units").keySet()) {
                BigDecimal factor = ProtocolReader.decimal(unitsNode, unit, "0");
                if (factor.signum() <= 0) {
                    throw unitsNode.child(unit).error("expected a factor above 0, found " + factor.toPlainString());
                }
                units.put(unit, factor);
            }
        }
        if (node.has("reason_code_set") != node.has("reason_text")) {
            throw node.has("reason_code_set") ? node.error("missing required key 'reason_text' (written when a reason matches reason_code_set)")
                    : node.child("reason_text").error("reason_text applies only with reason_code_set");
        }
        if (node.has("reason_code_set") && !value.equals("status_reason")) {
            throw node.child("reason_code_set").error("reason_code_set applies only with value: status_reason");
        }
        String reasonCodeSet = node.has("reason_code_set") ? RecordKinds.knownCodeSet(node, "reason_code_set", codeSets) : null;
        String anchor = node.has("anchor") ? ProtocolReader.oneOf(node, "anchor", ANCHORS) : "day0";
        String pick = node.has("pick") ? ProtocolReader.oneOf(node, "pick", PICKS) : "first";
        if (node.has("nearest_day") && !pick.equals("nearest")) {
            throw node.child("nearest_day").error("nearest_day applies only with pick: nearest");
        }
        if (value.equals("dose") != node.has("dose_unit")) {
            throw node.has("dose_unit") ? node.child("dose_unit").error("dose_unit applies only with value: dose") : node.error("missing required key 'dose_unit' (value: dose)");
        }
        if (field != null && FITS.containsKey(value) && !FITS.get(value).contains(fields.get(field))) {
            throw node.child("value").error("value '" + value + "' does not fit field " + field + " of kind " + fields.get(field).yamlName()
                    + "; expected a field of kind " + FITS.get(value).stream().map(FieldKind::yamlName).sorted().collect(java.util.stream.Collectors.joining(" or ")));
        }
        return new ExtractRule(variable, timepoint, field, kind, codeSet, filter, window, anchor, duringAdmission, pick,
                node.has("nearest_day") ? node.integer("nearest_day") : 0, value, node.optionalText("dose_unit").orElse(null), criterion, node.line(),
                ctStudy, recordDate, units, recordOf, reasonCodeSet, node.optionalText("reason_text").orElse(null), anyOf, kinds);
    }
}
