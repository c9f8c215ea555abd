package org.casebook.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;
import org.casebook.yaml.YamlNode;

/**
 * Reads {@code outcomes}: the follow-up day, the protocol's outcome list and how the results list
 * agents and labels, checking every variable, time point and field they name.
 */
final class OutcomesReader
{
    private static final Set<String> KINDS = Set.of("change", "status_at_day", "proportion", "at_least", "event_by_day");
    /** Keys of an outcome that only some kinds take, besides name, kind, label and description ({@link #only}). */
    private static final List<String> KIND_KEYS = List.of("variable", "from", "to", "direction", "by_at_least", "by_at_least_percent", "day", "status",
            "field", "threshold", "or_at_least", "equals", "date", "no_when", "days_summary");
    private static final Set<String> ALL_KEYS;
    static {
        Set<String> all = new HashSet<>(KIND_KEYS);
        all.addAll(Set.of("label", "description"));
        ALL_KEYS = Set.copyOf(all);
    }
    /** The seed's fixed outcome keys before its outcomes were written as outcomes.list. */
    private static final List<String> RETIRED = List.of("oxygenation", "lung_function", "fvc_relative_decline", "fvc_absolute_decline_points",
            "pulse_min_daily_dose_mg", "adverse_event_stop_reason");
    /** Keys of the results JSON and of its patients, which a days summary may not take. */
    private static final Set<String> RESULTS_KEYS = Set.of("protocol", "n", "timepoints", "counts", "denominators", "definitions", "count_ci95", "labels",
            "agents", "agents_by_field", "adverse_events", "ct_agreement", "survival", "ct_composition", "patients", "scans", "patient_id", "day0",
            "values", "outcomes", "vital_status");
    private static final Set<String> RESERVED = Set.of("alive", "died", "censored");

    private final Set<String> timepoints;
    private final Set<String> variables;
    private final CaseSchema schema;

    OutcomesReader(Set<String> timepoints, Set<String> variables, CaseSchema schema)
    {
        this.timepoints = timepoints;
        this.variables = variables;
        this.schema = schema;
    }

    OutcomeDefinitions read(YamlNode node)
    {
        for (String retired : RETIRED) {
            if (node.has(retired)) {
                throw node.child(retired).error("no longer a key: write this outcome under outcomes.list (a change, proportion or event_by_day "
                        + "outcome with its thresholds; docs/protocol.md shows the seed study's)");
            }
        }
        node.requireKeys(Set.of("followup_day", "list"), Set.of("agents", "labels"));
        int followupDay = node.integer("followup_day");
        if (followupDay < 1) {
            throw node.child("followup_day").error("expected a day after day 0, found " + followupDay);
        }
        String agents = null;
        if (node.has("agents")) {
            agents = node.text("agents");
            field(node, "agents", FieldKind.AGENT);
        }
        boolean labels = !node.has("labels") || node.bool("labels");
        return new OutcomeDefinitions(followupDay, list(node.list("list")), agents, labels);
    }

    private List<OutcomeSpec> list(List<YamlNode> nodes)
    {
        List<OutcomeSpec> outcomes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode node : nodes) {
            node.requireKeys(Set.of("name", "kind"), ALL_KEYS);
            String name = ProtocolReader.name(node, "name");
            if (!names.add(name) || RESERVED.contains(name)) {
                throw node.child("name").error(RESERVED.contains(name) ? "'" + name + "' is reserved for the vital status at the follow-up day" : "outcome '" + name + "' defined twice");
            }
            String kind = ProtocolReader.oneOf(node, "kind", KINDS);
            String label = node.optionalText("label").orElse(name);
            String description = node.optionalText("description").orElse(null);
            outcomes.add(switch (kind) {
                case "change" -> change(node, name, label, description);
                case "status_at_day" -> {
                    only(node, kind, Set.of("day"), Set.of("status"));
                    int day = node.integer("day");
                    if (day < 1) {
                        throw node.child("day").error("expected a day after day 0, found " + day);
                    }
                    String status = node.has("status") ? ProtocolReader.oneOf(node, "status", Set.of("alive", "died", "censored")) : "alive";
                    // without a label, what people read is the status in words ("Alive at day 30"), never the outcome's name
                    String shown = node.has("label") ? label : switch (status) {
                        case "died" -> "Died by day " + day;
                        case "censored" -> "Censored before day " + day;
                        default -> "Alive at day " + day;
                    };
                    yield new OutcomeSpec(name, shown, kind, null, null, null, null, null, null, day, null, null, status, null, null, null, null, null, description);
                }
                case "proportion" -> {
                    only(node, kind, Set.of("field"), Set.of("or_at_least"));
                    field(node, "field", FieldKind.YES_NO);
                    OutcomeSpec.FieldThreshold orAtLeast = null;
                    if (node.has("or_at_least")) {
                        YamlNode or = node.child("or_at_least");
                        or.requireKeys(Set.of("field", "threshold"), Set.of());
                        field(or, "field", FieldKind.NUMBER, FieldKind.INTEGER);
                        orAtLeast = new OutcomeSpec.FieldThreshold(or.text("field"), number(or, "threshold"));
                    }
                    yield new OutcomeSpec(name, label, kind, null, null, null, null, null, null, null, node.text("field"), null, null, orAtLeast, null, null, null, null,
                            description);
                }
                case "event_by_day" -> event(node, name, label, description);
                default -> {
                    only(node, kind, Set.of("field", "threshold"), Set.of());
                    field(node, "field", FieldKind.NUMBER, FieldKind.INTEGER);
                    yield new OutcomeSpec(name, label, kind, null, null, null, null, null, null, null, node.text("field"), number(node, "threshold"), null, null, null, null,
                            null, null, description);
                }
            });
        }
        // a days summary's name is a key of the results beside the outcomes' names: each used once
        Set<String> daysNames = new HashSet<>();
        for (int index = 0; index < outcomes.size(); index++) {
            String days = outcomes.get(index).daysSummary();
            if (days != null && (names.contains(days) || !daysNames.add(days))) {
                throw daysSummaryTaken(nodes.get(index), days);
            }
        }
        return outcomes;
    }

    private static org.casebook.yaml.YamlFormatException daysSummaryTaken(YamlNode node, String days)
    {
        return node.child("days_summary").error("expected a name used nowhere else in the results (not an outcome's or another days_summary's, not one of "
                + new TreeSet<>(RESULTS_KEYS) + "), found '" + days + "'");
    }

    private OutcomeSpec event(YamlNode node, String name, String label, String description)
    {
        only(node, "event_by_day", Set.of("field", "equals", "date"), Set.of("day", "no_when", "days_summary"));
        field(node, "field", FieldKind.TEXT, FieldKind.CATEGORY, FieldKind.AGENT);
        String equals = node.text("equals");
        field(node, "date", FieldKind.DATE);
        int day = node.has("day") ? node.integer("day") : 0;
        OutcomeSpec.FieldValue noWhen = null;
        if (node.has("no_when")) {
            YamlNode no = node.child("no_when");
            no.requireKeys(Set.of("field", "equals"), Set.of());
            field(no, "field", FieldKind.TEXT, FieldKind.CATEGORY, FieldKind.AGENT);
            noWhen = new OutcomeSpec.FieldValue(no.text("field"), no.text("equals"));
        }
        String days = null;
        if (node.has("days_summary")) {
            days = ProtocolReader.name(node, "days_summary");
            if (RESULTS_KEYS.contains(days) || RESERVED.contains(days)) {
                throw daysSummaryTaken(node, days);
            }
        }
        return new OutcomeSpec(name, label, "event_by_day", null, null, null, null, null, null, day, node.text("field"), null, null, null, equals,
                node.text("date"), noWhen, days, description);
    }

    private OutcomeSpec change(YamlNode node, String name, String label, String description)
    {
        only(node, "change", Set.of("variable", "from", "to", "direction"), Set.of("by_at_least", "by_at_least_percent"));
        variable(node, "variable");
        timepoint(node, "from");
        timepoint(node, "to");
        if (node.text("from").equals(node.text("to"))) {
            throw node.child("to").error("expected a time point other than from ('" + node.text("from") + "')");
        }
        String direction = ProtocolReader.oneOf(node, "direction", Set.of("increased", "decreased"));
        if (node.has("by_at_least") && node.has("by_at_least_percent")) {
            throw node.child("by_at_least_percent").error("give by_at_least or by_at_least_percent, not both");
        }
        BigDecimal units = node.has("by_at_least") ? positive(node, "by_at_least") : null;
        BigDecimal percent = node.has("by_at_least_percent") ? positive(node, "by_at_least_percent") : null;
        return new OutcomeSpec(name, label, "change", node.text("variable"), node.text("from"), node.text("to"), direction, units, percent, null, null, null,
                null, null, null, null, null, null, description);
    }

    private static BigDecimal positive(YamlNode node, String key)
    {
        BigDecimal value = number(node, key);
        if (value.signum() <= 0) {
            throw node.child(key).error("expected a number above 0, found " + value.toPlainString());
        }
        return value;
    }

    private static BigDecimal number(YamlNode node, String key)
    {
        if (!node.has(key)) {
            throw node.error("missing required key '" + key + "'");
        }
        BigDecimal value = ProtocolReader.decimal(node, key, "0");
        if (Math.abs(value.scale()) > 100 || value.precision() - value.scale() > 100) {
            throw node.child(key).error("expected a number of at most 100 digits, found " + node.child(key).json().asText());
        }
        return value;
    }

    /** A kind's keys: the keys it needs must be there, and keys of other kinds are refused. */
    private static void only(YamlNode node, String kind, Set<String> required, Set<String> optional)
    {
        for (String key : KIND_KEYS) {
            boolean own = required.contains(key) || optional.contains(key);
            if (!own && node.has(key)) {
                throw node.child(key).error("'" + key + "' does not apply to an outcome of kind " + kind);
            }
            if (required.contains(key) && !node.has(key)) {
                throw node.error("missing required key '" + key + "' (outcome kind " + kind + ")");
            }
        }
    }

    private void variable(YamlNode node, String key)
    {
        String name = node.text(key);
        if (!variables.contains(name) && !name.equals("ct_total")) {
            throw node.child(key).error("expected a variable declared under variables, found '" + name + "'");
        }
    }

    private void timepoint(YamlNode node, String key)
    {
        if (!timepoints.contains(node.text(key))) {
            throw node.child(key).error("expected a time point declared under timepoints " + new TreeSet<>(timepoints) + ", found '" + node.text(key) + "'");
        }
    }

    private void field(YamlNode node, String key, FieldKind... kinds)
    {
        String name = node.text(key);
        CaseField field = schema.findField(name).orElseThrow(() -> node.child(key).error("expected a field declared under case_fields, found '" + name + "'"));
        if (!List.of(kinds).contains(field.kind())) {
            throw node.child(key).error("expected a " + String.join(" or ", List.of(kinds).stream().map(FieldKind::yamlName).toList())
                    + " field, found '" + name + "' of kind " + field.kind().yamlName());
        }
    }
}
