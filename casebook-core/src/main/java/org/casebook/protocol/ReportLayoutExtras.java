package org.casebook.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;
import org.casebook.yaml.YamlNode;

/**
 * Reads the parts of {@code report} that give the report's per-patient table, timeline roles,
 * abbreviations and checklist answers (docs/protocol.md, "Report layout"), checking that every
 * name is a declared field, variable or outcome of the right kind, so that a mistake is an error
 * at its line and key rather than a blank column.
 */
final class ReportLayoutExtras
{
    private static final Set<String> WORDS = Set.of("ct_total", "status", "adverse_events");
    /** The items of the report's CARE checklist (casebook-report's CareChecklist), in its order. */
    static final List<String> CHECKLIST_ITEMS = List.of("1", "2", "3", "4", "5a", "5b", "5c", "5d", "6", "7", "8a", "8b", "8c", "8d", "9a", "9b", "9c",
            "10a", "10b", "10c", "10d", "11", "12", "13", "S1", "S2");

    private final CaseSchema schema;
    private final OutcomeDefinitions outcomes;
    private final Set<String> timepoints;

    ReportLayoutExtras(CaseSchema schema, OutcomeDefinitions outcomes, Set<String> timepoints)
    {
        this.schema = schema;
        this.outcomes = outcomes;
        this.timepoints = timepoints;
    }

    ReportLayout.Table2 table2(YamlNode table)
    {
        table.requireKeys(Set.of("columns"), Set.of("timepoints"));
        boolean names = table.has("timepoints") && ProtocolReader.oneOf(table, "timepoints", Set.of("names", "labels")).equals("names");
        List<YamlNode> nodes = table.list("columns");
        if (nodes.isEmpty()) {
            throw table.child("columns").error("expected at least one column");
        }
        List<ReportLayout.Column> columns = new ArrayList<>();
        for (YamlNode node : nodes) {
            columns.add(node.json().isObject() ? column(node) : word(node, node.asText()));
        }
        return new ReportLayout.Table2(names, columns);
    }

    /** A column written as a word: a case field's name, or ct_total, status, adverse_events. */
    private ReportLayout.Column word(YamlNode node, String word)
    {
        if (WORDS.contains(word)) {
            return new ReportLayout.Column(word, null, null, null);
        }
        CaseField field = schema.findField(word).orElseThrow(() -> node.error(
                "expected a field declared under case_fields, ct_total, status or adverse_events, found '" + word + "'"));
        return new ReportLayout.Column("field", field.name(), null, null);
    }

    private ReportLayout.Column column(YamlNode node)
    {
        String label = node.has("label") ? node.text("label") : null;
        if (node.has("outcome")) {
            node.requireKeys(Set.of("outcome"), Set.of("label"));
            String name = node.text("outcome");
            OutcomeSpec spec = outcomes.find(name).orElseThrow(() -> node.child("outcome").error("expected an outcome under outcomes.list, found '" + name + "'"));
            boolean days = spec.kind().equals("event_by_day") && spec.daysSummary() != null;
            if (!spec.kind().equals("change") && !days) {
                throw node.child("outcome").error("expected a change outcome or an event_by_day outcome with days_summary, found '" + name + "' of kind " + spec.kind());
            }
            return new ReportLayout.Column("outcome", name, label, null);
        }
        if (node.has("field")) {
            node.requireKeys(Set.of("field"), Set.of("label", "with"));
            String name = field(node, "field", FieldKind.values()).name();
            String with = node.has("with") ? field(node, "with", FieldKind.NUMBER, FieldKind.INTEGER).name() : null;
            return new ReportLayout.Column("field", name, label, with);
        }
        node.requireKeys(Set.of("column"), Set.of("label"));
        String word = node.text("column");
        if (!WORDS.contains(word)) {
            throw node.child("column").error("expected ct_total, status or adverse_events, found '" + word + "'");
        }
        return new ReportLayout.Column(word, null, label, null);
    }

    /**
     * {@code report.treatment}: its {@code columns}, each as Table 2's or {@code {days_between:
     * [from, to]}}, {@code {exposure: start}} (an exposure of {@code timeline}) or {@code stay}
     * ({@code timeline}'s stay).
     */
    ReportLayout.Treatment treatment(YamlNode table, ReportLayout.Timeline timeline)
    {
        table.requireKeys(Set.of("columns"), Set.of());
        List<YamlNode> nodes = table.list("columns");
        if (nodes.isEmpty()) {
            throw table.child("columns").error("expected at least one column");
        }
        List<ReportLayout.Column> columns = new ArrayList<>();
        for (YamlNode node : nodes) {
            if (!node.json().isObject() && node.asText().equals("stay")) {
                columns.add(stay(node, timeline, null));
            }
            else if (node.json().isObject() && node.has("days_between")) {
                columns.add(daysBetween(node));
            }
            else if (node.json().isObject() && node.has("exposure")) {
                columns.add(exposure(node, timeline));
            }
            else if (node.json().isObject() && node.has("column") && node.text("column").equals("stay")) {
                node.requireKeys(Set.of("column"), Set.of("label"));
                columns.add(stay(node, timeline, node.has("label") ? node.text("label") : null));
            }
            else {
                columns.add(node.json().isObject() ? column(node) : word(node, node.asText()));
            }
        }
        return new ReportLayout.Treatment(columns);
    }

    private static ReportLayout.Column stay(YamlNode node, ReportLayout.Timeline timeline, String label)
    {
        if (timeline.stayFrom() == null) {
            throw node.error("'stay' is the length of report.timeline.stay, and the protocol gives no report.timeline.stay");
        }
        return new ReportLayout.Column("stay", null, label, null);
    }

    /** {@code {days_between: [from, to], label}}: two date fields, either may be {@code day0}. */
    private ReportLayout.Column daysBetween(YamlNode node)
    {
        node.requireKeys(Set.of("days_between"), Set.of("label"));
        List<YamlNode> ends = node.list("days_between");
        if (ends.size() != 2) {
            throw node.child("days_between").error("expected two dates [from, to], found " + ends.size());
        }
        List<String> names = new ArrayList<>();
        for (YamlNode end : ends) {
            String name = end.asText();
            if (!name.equals(ReportLayout.Column.DAY_ZERO)) {
                CaseField field = schema.findField(name).orElseThrow(() -> end.error("expected a date field declared under case_fields, or day0, found '" + name + "'"));
                if (field.kind() != FieldKind.DATE) {
                    throw end.error("expected a date field or day0, found '" + name + "' of kind " + field.kind().yamlName());
                }
            }
            names.add(name);
        }
        return new ReportLayout.Column("days_between", names.get(0), node.has("label") ? node.text("label") : null, null, names.get(1));
    }

    /** {@code {exposure: start, label}}: the timeline's exposure that starts at that date field. */
    private static ReportLayout.Column exposure(YamlNode node, ReportLayout.Timeline timeline)
    {
        node.requireKeys(Set.of("exposure"), Set.of("label"));
        String start = node.text("exposure");
        if (timeline.exposures().stream().noneMatch(exposure -> exposure.start().equals(start))) {
            throw node.child("exposure").error("expected the start field of an exposure under report.timeline.exposures "
                    + timeline.exposures().stream().map(ReportLayout.Exposure::start).toList() + ", found '" + start + "'");
        }
        return new ReportLayout.Column("exposure", start, node.has("label") ? node.text("label") : null, null);
    }

    ReportLayout.Timeline timeline(YamlNode node)
    {
        node.requireKeys(Set.of(), Set.of("stay", "treatment", "exposures", "markers"));
        String stayFrom = null;
        String stayTo = null;
        if (node.has("stay")) {
            YamlNode stay = node.child("stay").requireKeys(Set.of("from", "to"), Set.of());
            stayFrom = date(stay, "from");
            stayTo = date(stay, "to");
        }
        String treatment = null;
        String treatmentLabel = null;
        if (node.has("treatment")) {
            YamlNode start = node.child("treatment").requireKeys(Set.of("start"), Set.of("label"));
            treatment = date(start, "start");
            treatmentLabel = start.has("label") ? start.text("label") : schema.findField(treatment).map(CaseField::label).orElse(treatment);
        }
        List<ReportLayout.Exposure> exposures = new ArrayList<>();
        for (YamlNode exposure : node.has("exposures") ? node.list("exposures") : List.<YamlNode>of()) {
            exposure.requireKeys(Set.of("label", "start"), Set.of("stop", "days"));
            Integer days = null;
            if (exposure.has("days")) {
                days = exposure.integer("days");
                if (days < 1) {
                    throw exposure.child("days").error("expected at least 1 day, found " + days);
                }
            }
            if (exposure.has("stop") && days != null) {
                throw exposure.child("days").error("give stop or days, not both");
            }
            exposures.add(new ReportLayout.Exposure(exposure.text("label"), date(exposure, "start"), exposure.has("stop") ? date(exposure, "stop") : null, days));
        }
        List<ReportLayout.Marker> markers = new ArrayList<>();
        for (YamlNode marker : node.has("markers") ? node.list("markers") : List.<YamlNode>of()) {
            marker.requireKeys(Set.of("field", "label"), Set.of());
            markers.add(new ReportLayout.Marker(marker.text("label"), date(marker, "field")));
        }
        return new ReportLayout.Timeline(stayFrom, stayTo, treatment, treatmentLabel, exposures, markers);
    }

    static Map<String, String> abbreviations(YamlNode report)
    {
        Map<String, String> abbreviations = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : report.entries("abbreviations").entrySet()) {
            String meaning = entry.getValue().asText();
            if (meaning.isBlank()) {
                throw entry.getValue().error("expected what '" + entry.getKey() + "' stands for");
            }
            abbreviations.put(entry.getKey(), meaning);
        }
        return abbreviations;
    }

    Map<String, ReportLayout.ChecklistItem> checklist(YamlNode report, Set<String> variables)
    {
        Map<String, ReportLayout.ChecklistItem> items = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : report.entries("checklist").entrySet()) {
            if (!CHECKLIST_ITEMS.contains(entry.getKey())) {
                throw entry.getValue().error("expected a CARE checklist item " + CHECKLIST_ITEMS + ", found '" + entry.getKey() + "'");
            }
            items.put(entry.getKey(), item(entry.getValue(), variables));
        }
        return items;
    }

    private ReportLayout.ChecklistItem item(YamlNode item, Set<String> variables)
    {
        item.requireKeys(Set.of(), Set.of("topic", "where", "when"));
        if (!item.has("topic") && !item.has("where")) {
            throw item.error("expected 'where' (where the report answers the item) or 'topic' (the item in the study's words)");
        }
        List<String> when = new ArrayList<>();
        for (YamlNode name : item.has("when") ? item.list("when") : List.<YamlNode>of()) {
            String text = name.asText();
            if (schema.findField(text).isEmpty() && !variables.contains(text) && !text.equals("ct_total")) {
                throw name.error("expected a case field, a variable or ct_total, found '" + text + "'");
            }
            when.add(text);
        }
        return new ReportLayout.ChecklistItem(item.has("topic") ? item.text("topic") : null, item.has("where") ? item.text("where") : null, when);
    }

    private String date(YamlNode node, String key)
    {
        return field(node, key, FieldKind.DATE).name();
    }

    private CaseField field(YamlNode node, String key, FieldKind... kinds)
    {
        String name = node.text(key);
        CaseField field = schema.findField(name).orElseThrow(() -> node.child(key).error("expected a field declared under case_fields, found '" + name + "'"));
        if (!List.of(kinds).contains(field.kind())) {
            throw node.child(key).error("expected a " + String.join(" or ", List.of(kinds).stream().map(FieldKind::yamlName).toList())
                    + " field, found '" + name + "' of kind " + field.kind().yamlName());
        }
        return field;
    }
}
