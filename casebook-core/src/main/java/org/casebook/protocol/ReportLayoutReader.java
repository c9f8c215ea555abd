package org.casebook.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;
import org.casebook.yaml.YamlNode;

/** Reads {@code report}: Table 1's style and rows and Table 3's variables, checking every field, variable and time point they name. */
final class ReportLayoutReader
{
    private static final Set<FieldKind> SUMMARIZED = Set.of(FieldKind.NUMBER, FieldKind.INTEGER, FieldKind.YES_NO, FieldKind.CATEGORY, FieldKind.AGENT);

    private final Set<String> timepoints;
    private final List<String> variableOrder;
    private final Set<String> variables;
    private final CaseSchema schema;
    private final OutcomeDefinitions outcomes;

    /** @param variableOrder the protocol's variables in order */
    ReportLayoutReader(Set<String> timepoints, List<String> variableOrder, CaseSchema schema, OutcomeDefinitions outcomes)
    {
        this.timepoints = timepoints;
        this.variableOrder = List.copyOf(variableOrder);
        this.variables = Set.copyOf(variableOrder);
        this.schema = schema;
        this.outcomes = outcomes;
    }

    ReportLayout read(YamlNode root)
    {
        if (!root.has("report")) {
            return ReportLayout.NONE;
        }
        YamlNode report = root.child("report").requireKeys(Set.of(),
                Set.of("table1", "table2", "table3", "spaghetti_plots", "outcome_table", "timeline", "abbreviations", "checklist", "treatment"));
        ReportLayout.Timeline timeline = report.has("timeline") ? new ReportLayoutExtras(schema, outcomes, timepoints).timeline(report.child("timeline"))
                : ReportLayout.Timeline.NONE;
        return new ReportLayout(report.has("table1") ? table1(report.child("table1")) : null, report.has("table3") ? table3(report.child("table3")) : null,
                report.has("spaghetti_plots") ? spaghetti(report) : null,
                report.has("table2") ? new ReportLayoutExtras(schema, outcomes, timepoints).table2(report.child("table2")) : null,
                !report.has("outcome_table") || report.bool("outcome_table"),
                timeline,
                report.has("abbreviations") ? ReportLayoutExtras.abbreviations(report) : Map.of(),
                report.has("checklist") ? new ReportLayoutExtras(schema, outcomes, timepoints).checklist(report, variables) : Map.of(),
                report.has("treatment") ? new ReportLayoutExtras(schema, outcomes, timepoints).treatment(report.child("treatment"), timeline) : null);
    }

    /** The variables plotted, in order: protocol variables or {@code ct_total}, each once. */
    private List<String> spaghetti(YamlNode report)
    {
        List<String> plotted = new ArrayList<>();
        for (YamlNode node : report.list("spaghetti_plots")) {
            String variable = node.asText();
            if (!variables.contains(variable) && !variable.equals("ct_total")) {
                throw node.error("expected a variable declared under variables, or ct_total, found '" + variable + "'");
            }
            if (plotted.contains(variable)) {
                throw node.error("variable '" + variable + "' listed twice");
            }
            plotted.add(variable);
        }
        return plotted;
    }

    private ReportLayout.Table3 table3(YamlNode table)
    {
        table.requireKeys(Set.of(), Set.of("variables", "comparisons"));
        List<String> shown = new ArrayList<>();
        if (table.has("variables")) {
            for (YamlNode node : table.list("variables")) {
                String variable = node.asText();
                if (!variables.contains(variable)) {
                    throw node.error("expected a variable declared under variables, found '" + variable + "'");
                }
                if (shown.contains(variable)) {
                    throw node.error("variable '" + variable + "' listed twice");
                }
                shown.add(variable);
            }
        }
        else {
            shown.addAll(variableOrder);
        }
        boolean names = table.has("comparisons") && ProtocolReader.oneOf(table, "comparisons", Set.of("names", "labels")).equals("names");
        return new ReportLayout.Table3(shown, names);
    }

    private ReportLayout.Table1 table1(YamlNode table)
    {
        table.requireKeys(Set.of("rows"), Set.of("style"));
        ReportLayout.Style style = table.has("style")
                ? ReportLayout.Style.valueOf(ProtocolReader.oneOf(table, "style", Set.of("compact", "full")).toUpperCase(Locale.ROOT))
                : ReportLayout.Style.COMPACT;
        List<YamlNode> nodes = table.list("rows");
        if (nodes.isEmpty()) {
            throw table.child("rows").error("expected at least one row");
        }
        List<ReportLayout.Row> rows = new ArrayList<>();
        for (YamlNode node : nodes) {
            rows.add(node.json().isObject() ? mapping(node) : ReportLayout.Row.field(field(node, node.asText()).name(), Map.of()));
        }
        return new ReportLayout.Table1(style, rows);
    }

    private ReportLayout.Row mapping(YamlNode node)
    {
        if (node.has("variable")) {
            node.requireKeys(Set.of("variable", "timepoint"), Set.of("decimals"));
            String variable = node.text("variable");
            if (!variables.contains(variable)) {
                throw node.child("variable").error("expected a variable declared under variables, found '" + variable + "'");
            }
            String timepoint = node.text("timepoint");
            if (!timepoints.contains(timepoint)) {
                throw node.child("timepoint").error("expected a time point declared under timepoints " + new TreeSet<>(timepoints) + ", found '" + timepoint + "'");
            }
            return new ReportLayout.Row(null, Map.of(), variable, timepoint, decimals(node));
        }
        node.requireKeys(Set.of("field"), Set.of("levels", "decimals"));
        CaseField field = field(node.child("field"), node.text("field"));
        Map<String, String> labels = new LinkedHashMap<>();
        if (node.has("levels")) {
            if (field.kind() != FieldKind.CATEGORY) {
                throw node.child("levels").error("'levels' applies to a category field; '" + field.name() + "' is of kind " + field.kind().yamlName());
            }
            for (Map.Entry<String, YamlNode> entry : node.entries("levels").entrySet()) {
                if (!field.choices().contains(entry.getKey())) {
                    throw entry.getValue().error("expected a level of '" + field.name() + "' " + field.choices() + ", found '" + entry.getKey() + "'");
                }
                labels.put(entry.getKey(), entry.getValue().asText());
            }
        }
        if (node.has("decimals") && !field.kind().isNumeric()) {
            throw node.child("decimals").error("'decimals' applies to a number or integer field; '" + field.name() + "' is of kind " + field.kind().yamlName());
        }
        return new ReportLayout.Row(field.name(), labels, null, null, decimals(node));
    }

    /** A row's {@code decimals}: 0 to 10, or null when not given. */
    private static Integer decimals(YamlNode node)
    {
        if (!node.has("decimals")) {
            return null;
        }
        int decimals = node.integer("decimals");
        if (decimals < 0 || decimals > 10) {
            throw node.child("decimals").error("expected 0 to 10 decimals, found " + decimals);
        }
        return decimals;
    }

    /** A case field Table 1 can summarize (dates and free text are not summarized). */
    private CaseField field(YamlNode node, String name)
    {
        CaseField field = schema.findField(name).orElseThrow(() -> node.error("expected a field declared under case_fields, or {variable, timepoint}, found '" + name + "'"));
        if (!SUMMARIZED.contains(field.kind())) {
            throw node.error("expected a number, integer, yes_no, category or agent field (dates and free text are not summarized), found '"
                    + name + "' of kind " + field.kind().yamlName());
        }
        return field;
    }
}
