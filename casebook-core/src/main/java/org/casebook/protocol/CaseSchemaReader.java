package org.casebook.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.casebook.codeset.CodeSet;
import org.casebook.codeset.CodeSetEntry;
import org.casebook.schema.AdverseEventSchema;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.DerivedValue;
import org.casebook.schema.FieldKind;
import org.casebook.yaml.YamlDocuments;
import org.casebook.yaml.YamlNode;

/**
 * Reads the case schema: {@code case_fields}, {@code derived} and day 0's field. A protocol
 * written before case fields existed (no {@code case_fields}) gets the seed study's fields, read
 * from the built-in seed protocol file, so that older copies of it keep working.
 */
final class CaseSchemaReader
{
    private static final Set<String> FIELD_KEYS = Set.of("label", "required", "help", "unit", "range", "levels", "code_set", "also", "max_length", "not_before", "description", "section");

    private final Map<String, CodeSet> codeSets;
    private final Set<String> variables;
    private final Set<String> criteria;

    CaseSchemaReader(Map<String, CodeSet> codeSets, Set<String> variables, Set<String> criteria)
    {
        this.codeSets = codeSets;
        this.variables = variables;
        this.criteria = criteria;
    }

    CaseSchema read(YamlNode root)
    {
        List<CaseField> fields = root.has("case_fields") ? fields(root.list("case_fields"), false) : seedFields();
        YamlNode day0 = root.child("day0");
        String dayZeroField = day0.optionalText("field").orElse("ae_onset_date");
        String fallback = day0.has("field") ? day0.optionalText("fallback").orElse(null) : day0.optionalText("fallback").orElse("admission_date");
        checkDateField(day0, "field", dayZeroField, fields);
        if (fallback != null) {
            checkDateField(day0, "fallback", fallback, fields);
        }
        String anchor = fallback != null ? fallback : dayZeroField;
        CaseField anchorField = fields.stream().filter(field -> field.name().equals(anchor)).findFirst().orElseThrow();
        if (!anchorField.required()) {
            throw at(day0, fallback != null ? "fallback" : "field").error("expected a required date field: day 0's field '" + anchor + "' must be marked required: true in case_fields");
        }
        List<DerivedValue> derived = root.has("case_fields") || root.has("derived") ? derived(root, fields) : seedDerived();
        AdverseEventSchema adverseEvents = root.has("adverse_events") ? adverseEvents(root.child("adverse_events")) : AdverseEventSchema.DEFAULT;
        return new CaseSchema(fields, dayZeroField, fallback, derived, adverseEvents);
    }

    /**
     * {@code adverse_events}: the levels an adverse event's "related to" ({@code related_to}) and
     * outcome ({@code outcomes}) take, each as a list ({@code [tofacitinib, glucocorticoid, other,
     * unknown]}) or as a mapping from each level to the words it is shown under ({@code
     * {tofacitinib: Tofacitinib, …}}), and the study's CTCAE version ({@code ctcae_version: "5.0"}).
     * A key left out keeps its default.
     */
    private static AdverseEventSchema adverseEvents(YamlNode node)
    {
        node.requireKeys(Set.of(), Set.of("related_to", "outcomes", "ctcae_version"));
        AdverseEventSchema defaults = AdverseEventSchema.DEFAULT;
        Map<String, String> relatedTo = node.has("related_to") ? levels(node, "related_to") : defaults.relatedTo();
        Map<String, String> outcomes = node.has("outcomes") ? levels(node, "outcomes") : defaults.outcomes();
        String version = node.has("ctcae_version") ? ctcaeVersion(node.child("ctcae_version")) : defaults.ctcaeVersion();
        return new AdverseEventSchema(relatedTo, outcomes, version);
    }

    private static Map<String, String> levels(YamlNode node, String key)
    {
        YamlNode levels = node.child(key);
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        if (levels.json().isArray()) {
            for (YamlNode element : levels.elements()) {
                String level = element.asText();
                addLevel(labels, level, level, element);
            }
        }
        else if (levels.json().isObject()) {
            node.entries(key).forEach((level, label) -> addLevel(labels, level, label.asText(), label));
        }
        else {
            throw levels.error("expected a list of levels, or a mapping from each level to the words it is shown under");
        }
        if (labels.isEmpty()) {
            throw levels.error("expected at least one level");
        }
        return labels;
    }

    /** A version such as 5.0, quoted or not, is read as written (YamlDocuments keeps a scalar's text: 5.10 stays 5.10). */
    private static String ctcaeVersion(YamlNode node)
    {
        String text = node.asText();
        return AdverseEventSchema.parseCtcaeVersion(text)
                .orElseThrow(() -> node.error("expected " + AdverseEventSchema.CTCAE_VERSION_EXPECTED + ", found '" + org.casebook.error.Messages.shorten(text) + "'"));
    }

    private static void addLevel(Map<String, String> labels, String level, String label, YamlNode at)
    {
        if (!level.matches("[A-Za-z0-9][A-Za-z0-9 _.+/-]{0,59}")) {
            throw at.error("expected a level of 1 to 60 letters, digits, spaces or _ . + / - (starting with a letter or digit), found '" + org.casebook.error.Messages.shorten(level) + "'");
        }
        boolean repeated = labels.keySet().stream().anyMatch(known -> known.equalsIgnoreCase(level));
        if (repeated) {
            throw at.error("expected distinct levels (compared ignoring case), found '" + level + "' twice");
        }
        if (label.isBlank() || label.length() > 100) {
            throw at.error("expected the words level '" + level + "' is shown under: 1 to 100 characters");
        }
        labels.put(level, label.strip());
    }

    /** An older copy of the seed: the seed file's derived ratios whose variables the copy still declares. */
    private List<DerivedValue> seedDerived()
    {
        String text = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();
        YamlNode seed = YamlDocuments.parse(Protocols.SEED + "/protocol.yaml", text);
        return new CaseSchemaReader(codeSets, Set.of(), criteria).derivedUnchecked(seed).stream()
                .filter(value -> Set.of(value.name(), value.numerator(), value.denominator()).stream().allMatch(variables::contains))
                .toList();
    }

    private List<DerivedValue> derivedUnchecked(YamlNode seed)
    {
        List<DerivedValue> derived = new ArrayList<>();
        for (YamlNode node : seed.list("derived")) {
            if (node.text("kind").equals("ratio")) {
                derived.add(new DerivedValue(node.text("name"), DerivedValue.Kind.RATIO, node.text("numerator"), node.text("denominator"),
                        node.has("max_minutes_apart") ? node.integer("max_minutes_apart") : 60, null, null));
            }
        }
        return derived;
    }

    private static YamlNode at(YamlNode node, String key)
    {
        return node.has(key) ? node.child(key) : node;
    }

    private static void checkDateField(YamlNode day0, String key, String name, List<CaseField> fields)
    {
        boolean found = fields.stream().anyMatch(field -> field.name().equals(name) && field.kind() == FieldKind.DATE);
        if (!found) {
            throw at(day0, key).error("expected a date field declared under case_fields, found '" + name + "'");
        }
    }

    private List<CaseField> seedFields()
    {
        String text = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();
        return fields(YamlDocuments.parse(Protocols.SEED + "/protocol.yaml", text).list("case_fields"), true);
    }

    private List<CaseField> fields(List<YamlNode> nodes, boolean lenientCodeSets)
    {
        List<CaseField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode node : nodes) {
            CaseField field = field(node, lenientCodeSets);
            if (field.name().equals(CaseSchema.PATIENT_ID)) {
                throw node.child("name").error("patient_id is always the first column; do not declare it");
            }
            if (!names.add(field.name())) {
                throw node.child("name").error("case field '" + field.name() + "' defined twice");
            }
            fields.add(field);
        }
        for (int i = 0; i < fields.size(); i++) {
            CaseField field = fields.get(i);
            if (field.notBefore() != null) {
                boolean date = fields.stream().anyMatch(other -> other.name().equals(field.notBefore()) && other.kind() == FieldKind.DATE);
                if (!date || field.notBefore().equals(field.name())) {
                    throw nodes.get(i).child("not_before").error("expected another date field declared under case_fields, found '" + field.notBefore() + "'");
                }
            }
        }
        return fields;
    }

    private CaseField field(YamlNode node, boolean lenientCodeSets)
    {
        Set<String> required = Set.of("name", "kind");
        node.requireKeys(required, FIELD_KEYS);
        String name = ProtocolReader.name(node, "name");
        String kindName = node.text("kind");
        FieldKind kind = FieldKind.fromYaml(kindName).orElseThrow(() -> node.child("kind").error(
                "expected one of date, number, integer, yes_no, category, agent, text, found '" + kindName + "'"));
        onlyFor(node, "unit", kind, FieldKind.NUMBER, FieldKind.INTEGER);
        onlyFor(node, "range", kind, FieldKind.NUMBER, FieldKind.INTEGER);
        onlyFor(node, "levels", kind, FieldKind.CATEGORY);
        onlyFor(node, "code_set", kind, FieldKind.AGENT);
        onlyFor(node, "also", kind, FieldKind.AGENT);
        onlyFor(node, "max_length", kind, FieldKind.TEXT);
        onlyFor(node, "not_before", kind, FieldKind.DATE);
        BigDecimal min = null;
        BigDecimal max = null;
        if (node.has("range")) {
            YamlNode range = node.child("range").requireKeys(Set.of(), Set.of("min", "max"));
            min = range.has("min") ? ProtocolReader.decimal(range, "min", "0") : null;
            max = range.has("max") ? ProtocolReader.decimal(range, "max", "0") : null;
            if (min != null && max != null && max.compareTo(min) < 0) {
                throw range.child("max").error("expected a value at least min (" + min.toPlainString() + "), found " + max.toPlainString());
            }
        }
        List<String> levels = List.of();
        if (kind == FieldKind.CATEGORY) {
            levels = node.textList("levels");
            if (levels.isEmpty() || new HashSet<>(levels.stream().map(level -> level.toLowerCase(java.util.Locale.ROOT)).toList()).size() != levels.size()) {
                throw node.child("levels").error("expected a list of distinct levels");
            }
        }
        String codeSet = null;
        List<String> agents = List.of();
        if (kind == FieldKind.AGENT) {
            codeSet = node.text("code_set");
            CodeSet set = codeSets.get(codeSet);
            if (set == null && lenientCodeSets) {
                // An older copy of the seed without its JAK-inhibitor code set: the agent stays free text.
                kind = FieldKind.TEXT;
                codeSet = null;
            }
            else if (set == null) {
                throw node.child("code_set").error("expected a code set named under code_sets " + new TreeSet<>(codeSets.keySet()) + ", found '" + codeSet + "'");
            }
            else {
                agents = set.entries().stream().map(CodeSetEntry::agent).filter(agent -> agent != null).distinct().toList();
                if (agents.isEmpty()) {
                    throw node.child("code_set").error("code set '" + codeSet + "' names no agents: give its entries an agent");
                }
            }
        }
        List<String> also = List.of();
        if (node.has("also") && kind == FieldKind.AGENT) {
            also = node.textList("also");
            Set<String> seen = new HashSet<>();
            agents.forEach(agent -> seen.add(agent.toLowerCase(java.util.Locale.ROOT)));
            for (String value : also) {
                if (value.isBlank() || !seen.add(value.toLowerCase(java.util.Locale.ROOT))) {
                    throw node.child("also").error("expected a list of distinct values that are not the code set's agents, found '" + value + "'");
                }
            }
        }
        int maxLength = CaseField.DEFAULT_MAX_LENGTH;
        if (node.has("max_length")) {
            maxLength = node.integer("max_length");
            if (maxLength < 1 || maxLength > 10000) {
                throw node.child("max_length").error("expected a length from 1 to 10000, found " + maxLength);
            }
        }
        return new CaseField(
                name,
                node.optionalText("label").orElse(name),
                kind,
                node.has("required") && node.bool("required"),
                node.optionalText("help").or(() -> node.optionalText("description")).orElse(null),
                node.has("unit") ? node.child("unit").json().asText() : null,
                min,
                max,
                levels,
                codeSet,
                agents,
                also,
                maxLength,
                node.optionalText("not_before").orElse(null),
                node.optionalText("section").map(String::strip).filter(text -> !text.isEmpty()).orElse(null));
    }

    private static void onlyFor(YamlNode node, String key, FieldKind kind, FieldKind... kinds)
    {
        if (node.has(key) && !List.of(kinds).contains(kind)) {
            throw node.child(key).error("'" + key + "' applies only to " + String.join(" and ", List.of(kinds).stream().map(FieldKind::yamlName).toList())
                    + " fields, not " + kind.yamlName());
        }
    }

    private List<DerivedValue> derived(YamlNode root, List<CaseField> fields)
    {
        List<DerivedValue> derived = new ArrayList<>();
        if (!root.has("derived")) {
            return derived;
        }
        Set<String> names = new HashSet<>();
        for (YamlNode node : root.list("derived")) {
            node.requireKeys(Set.of("name", "kind"), Set.of("numerator", "denominator", "max_minutes_apart", "from", "to", "label"));
            String name = ProtocolReader.name(node, "name");
            if (!names.add(name)) {
                throw node.child("name").error("derived value '" + name + "' defined twice");
            }
            String kind = ProtocolReader.oneOf(node, "kind", Set.of("ratio", "days_between"));
            if (kind.equals("ratio")) {
                requireVariable(node, "name", name);
                requireVariable(node, "numerator", node.text("numerator"));
                requireVariable(node, "denominator", node.text("denominator"));
                int minutes = node.has("max_minutes_apart") ? node.integer("max_minutes_apart") : 60;
                if (minutes < 0) {
                    throw node.child("max_minutes_apart").error("expected 0 or more minutes, found " + minutes);
                }
                derived.add(new DerivedValue(name, DerivedValue.Kind.RATIO, node.text("numerator"), node.text("denominator"), minutes, null, null));
            }
            else {
                requireField(node, "name", name, fields, FieldKind.INTEGER);
                requireField(node, "from", node.text("from"), fields, FieldKind.DATE);
                requireField(node, "to", node.text("to"), fields, FieldKind.DATE);
                derived.add(new DerivedValue(name, DerivedValue.Kind.DAYS_BETWEEN, null, null, 0, node.text("from"), node.text("to")));
            }
        }
        return derived;
    }

    private void requireVariable(YamlNode node, String key, String name)
    {
        if (!variables.contains(name)) {
            throw node.child(key).error("expected a variable declared under variables " + new TreeSet<>(variables) + ", found '" + name + "'");
        }
    }

    private static void requireField(YamlNode node, String key, String name, List<CaseField> fields, FieldKind kind)
    {
        if (fields.stream().noneMatch(field -> field.name().equals(name) && field.kind() == kind)) {
            throw node.child(key).error("expected " + (kind == FieldKind.DATE ? "a date" : "an integer") + " field declared under case_fields, found '" + name + "'");
        }
    }
}
