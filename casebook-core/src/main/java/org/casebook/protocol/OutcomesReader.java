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
 * Reads {@code outcomes}: the follow-up day, the seed's fixed comparisons (optional) and the
 * protocol's own outcome list, checking every variable, time point and field they name.
 */
final class OutcomesReader
{
    private static final Set<String> KINDS = Set.of("change", "status_at_day", "proportion", "at_least");
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
        node.requireKeys(
                Set.of("followup_day"),
                Set.of("oxygenation", "lung_function", "fvc_relative_decline", "fvc_absolute_decline_points", "pulse_min_daily_dose_mg",
                        "adverse_event_stop_reason", "list"));
        int followupDay = node.integer("followup_day");
        if (followupDay < 1) {
            throw node.child("followup_day").error("expected a day after day 0, found " + followupDay);
        }
        if (node.has("oxygenation") != node.has("lung_function")) {
            String missing = node.has("oxygenation") ? "lung_function" : "oxygenation";
            throw node.error("missing required key '" + missing + "' (the seed's outcome set needs both oxygenation and lung_function)");
        }
        if (!node.has("oxygenation") && !node.has("list")) {
            throw node.error("missing required key 'list' (the study's outcomes)");
        }
        return new OutcomeDefinitions(
                followupDay,
                node.has("oxygenation") ? comparison(node.child("oxygenation")) : null,
                node.has("lung_function") ? comparison(node.child("lung_function")) : null,
                ProtocolReader.decimal(node, "fvc_relative_decline", "0.10"),
                ProtocolReader.decimal(node, "fvc_absolute_decline_points", "10"),
                ProtocolReader.decimal(node, "pulse_min_daily_dose_mg", "500"),
                node.optionalText("adverse_event_stop_reason").orElse("adverse event"),
                node.has("list") ? list(node.list("list")) : List.of());
    }

    private Comparison comparison(YamlNode node)
    {
        node.requireKeys(Set.of("variable", "from", "to"), Set.of());
        variable(node, "variable");
        timepoint(node, "from");
        timepoint(node, "to");
        return new Comparison(node.text("variable"), node.text("from"), node.text("to"));
    }

    private List<OutcomeSpec> list(List<YamlNode> nodes)
    {
        List<OutcomeSpec> outcomes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode node : nodes) {
            node.requireKeys(Set.of("name", "kind"), Set.of("label", "variable", "from", "to", "direction", "by_at_least", "by_at_least_percent", "day", "field", "threshold", "description"));
            String name = ProtocolReader.name(node, "name");
            if (!names.add(name) || RESERVED.contains(name)) {
                throw node.child("name").error(RESERVED.contains(name) ? "'" + name + "' is reserved for the vital status at the follow-up day" : "outcome '" + name + "' defined twice");
            }
            String kind = ProtocolReader.oneOf(node, "kind", KINDS);
            String label = node.optionalText("label").orElse(name);
            outcomes.add(switch (kind) {
                case "change" -> change(node, name, label);
                case "status_at_day" -> {
                    only(node, kind, "day");
                    int day = node.integer("day");
                    if (day < 1) {
                        throw node.child("day").error("expected a day after day 0, found " + day);
                    }
                    yield new OutcomeSpec(name, label, kind, null, null, null, null, null, null, day, null, null);
                }
                case "proportion" -> {
                    only(node, kind, "field");
                    field(node, FieldKind.YES_NO);
                    yield new OutcomeSpec(name, label, kind, null, null, null, null, null, null, null, node.text("field"), null);
                }
                default -> {
                    only(node, kind, "field", "threshold");
                    field(node, FieldKind.NUMBER, FieldKind.INTEGER);
                    yield new OutcomeSpec(name, label, kind, null, null, null, null, null, null, null, node.text("field"), number(node, "threshold"));
                }
            });
        }
        return outcomes;
    }

    private OutcomeSpec change(YamlNode node, String name, String label)
    {
        only(node, "change", "variable", "from", "to", "direction", "by_at_least", "by_at_least_percent");
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
        return new OutcomeSpec(name, label, "change", node.text("variable"), node.text("from"), node.text("to"), direction, units, percent, null, null, null);
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
    private static void only(YamlNode node, String kind, String... keys)
    {
        Set<String> own = new HashSet<>(List.of(keys));
        own.addAll(Set.of("name", "kind", "label", "description"));
        for (String key : List.of("variable", "from", "to", "direction", "day", "field", "threshold")) {
            if (!own.contains(key) && node.has(key)) {
                throw node.child(key).error("'" + key + "' does not apply to an outcome of kind " + kind);
            }
            if (own.contains(key) && !node.has(key)) {
                throw node.error("missing required key '" + key + "' (outcome kind " + kind + ")");
            }
        }
        for (String key : List.of("by_at_least", "by_at_least_percent")) {
            if (!own.contains(key) && node.has(key)) {
                throw node.child(key).error("'" + key + "' does not apply to an outcome of kind " + kind);
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

    private void field(YamlNode node, FieldKind... kinds)
    {
        String name = node.text("field");
        CaseField field = schema.findField(name).orElseThrow(() -> node.child("field").error("expected a field declared under case_fields, found '" + name + "'"));
        if (!List.of(kinds).contains(field.kind())) {
            throw node.child("field").error("expected a " + String.join(" or ", List.of(kinds).stream().map(FieldKind::yamlName).toList())
                    + " field, found '" + name + "' of kind " + field.kind().yamlName());
        }
    }
}
